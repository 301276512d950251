import { describe, expect, it } from "bun:test";
import {
  createPathHighlighter,
  highlightPath,
  lightPath,
  NO_HIGHLIGHT,
} from "../../../studio/src/runs/path-highlight.ts";
import type { TimelineStep } from "../../../studio/src/runs/turn-timeline.ts";
import { sampleFlow } from "./helpers.ts";

const step = (nodeId: string, extra: Partial<TimelineStep> = {}): TimelineStep => ({
  nodeId,
  status: "done",
  calls: [],
  replies: [],
  errors: [],
  streamed: "",
  ...extra,
});

/** The sample flow with a second edge from route to answer, on another branch. */
const edges = [...sampleFlow().edges, { source: "route", target: "answer", branch: "other" }];

describe("highlightPath", () => {
  it("marks the visited nodes and the edge on each branch taken", () => {
    const highlight = highlightPath(
      { steps: [step("route", { route: "question" }), step("answer", { route: null })] },
      edges,
    );
    expect([...highlight.nodes]).toEqual([
      ["route", "visited"],
      ["answer", "visited"],
    ]);
    expect([...highlight.edges]).toEqual(["route:question->answer"]);
    expect(highlight.focused).toBeNull();
  });

  it("lights every edge between two nodes when the branch is not known", () => {
    const highlight = highlightPath({ steps: [step("route"), step("answer")] }, edges, "answer");
    expect([...highlight.edges]).toEqual(["route:question->answer", "route:other->answer"]);
    expect(highlight.focused).toBe("answer");
  });

  it("marks the running node active and a node with errors failed, the worst mark winning", () => {
    const highlight = highlightPath(
      {
        steps: [
          step("route", { status: "failed" }),
          step("answer"),
          step("route"),
          step("bye", { status: "running" }),
        ],
      },
      edges,
    );
    expect(highlight.nodes.get("route")).toBe("failed");
    expect(highlight.nodes.get("bye")).toBe("active");
    expect(highlight.edges).toEqual(
      new Set(["route:question->answer", "route:other->answer", "route:fallback->bye"]),
    );
  });
});

describe("lightPath", () => {
  const nodes: { id: string; className?: string }[] = [
    { id: "route", className: "x" },
    { id: "answer" },
    { id: "bye" },
  ];
  const canvasEdges: { id: string; className?: string }[] = [
    { id: "route:question->answer" },
    { id: "route:fallback->bye" },
  ];

  it("adds the path's classes, leaving nodes and edges off the path the same objects", () => {
    const highlight = highlightPath(
      { steps: [step("route", { route: "question" }), step("answer", { status: "running" })] },
      edges,
      "route",
    );
    const lit = lightPath(nodes, canvasEdges, highlight);
    expect(lit.nodes.map((n) => n.className)).toEqual([
      "x path-visited path-focused",
      "path-active",
      undefined,
    ]);
    expect(lit.nodes[2]).toBe(nodes[2] as (typeof nodes)[number]);
    expect(lit.edges[0]?.className).toBe("path-taken");
    expect(lit.edges[1]).toBe(canvasEdges[1] as (typeof canvasEdges)[number]);
  });

  it("returns the same arrays when nothing is lit", () => {
    const lit = lightPath(nodes, canvasEdges, NO_HIGHLIGHT);
    expect(lit.nodes).toBe(nodes);
    expect(lit.edges).toBe(canvasEdges);
  });
});

describe("the path highlighter", () => {
  it("tells its listeners when the path changes, and stops when they leave", () => {
    const highlighter = createPathHighlighter();
    let heard = 0;
    const stop = highlighter.subscribe(() => heard++);
    const highlight = highlightPath({ steps: [step("route")] }, edges);
    highlighter.show(highlight);
    highlighter.show(highlight);
    expect(highlighter.getState()).toBe(highlight);
    highlighter.clear();
    expect(highlighter.getState()).toBe(NO_HIGHLIGHT);
    stop();
    highlighter.show(highlight);
    expect(heard).toBe(2);
  });
});
