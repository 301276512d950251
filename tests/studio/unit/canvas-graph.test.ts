import { describe, expect, it } from "bun:test";
import { type CanvasView, createCanvasMapper } from "../../../studio/src/core/canvas-graph.ts";
import { moveNodes } from "../../../studio/src/core/flow-edits.ts";
import { outputHandles } from "../../../studio/src/core/node-metadata.ts";
import { sampleFlow } from "./helpers.ts";

const view: CanvasView = {
  selectedNodes: new Set(),
  selectedEdges: new Set(),
  nodeProblems: new Map(),
  edgeProblems: new Map(),
  sizes: new Map(),
};

describe("the canvas mapping", () => {
  it("gives each node its type, summary, entry mark and output handles", () => {
    const { nodes } = createCanvasMapper()(sampleFlow(), view);
    const route = nodes[0];
    expect(route?.type).toBe("classify");
    expect(route?.data.entry).toBe(true);
    expect(route?.data.summary).toBe("question (≥ 0.45)");
    expect(route?.data.geometry.outputs.map((o) => o.id)).toEqual(["question", "fallback"]);
    expect(nodes[1]?.data.geometry.outputs.map((o) => o.id)).toEqual(["@next"]);
  });

  it("labels edges with their branch on the matching handle", () => {
    const { edges } = createCanvasMapper()(sampleFlow(), view);
    expect(edges[0]).toMatchObject({
      id: "route:question->answer",
      source: "route",
      target: "answer",
      sourceHandle: "question",
      data: { branch: "question" },
    });
  });

  it("keeps the objects of unchanged nodes and edges, so only a moved node redraws", () => {
    const toCanvas = createCanvasMapper();
    const flow = sampleFlow();
    const before = toCanvas(flow, view);
    const after = toCanvas(moveNodes(flow, new Map([["answer", { x: 5, y: 5 }]])), view);
    expect(after.nodes[0]).toBe(before.nodes[0]);
    expect(after.nodes[1]).not.toBe(before.nodes[1]);
    expect(after.nodes[1]?.position).toEqual({ x: 5, y: 5 });
    // Its view is memoized on `data`, which a move leaves alone.
    expect(after.nodes[1]?.data).toBe(before.nodes[1]?.data);
    expect(after.edges[0]).toBe(before.edges[0]);
    expect(after.edges).toBe(before.edges);
  });

  it("redraws a node whose problems or selection changed", () => {
    const toCanvas = createCanvasMapper();
    const flow = sampleFlow();
    const before = toCanvas(flow, view);
    const after = toCanvas(flow, {
      ...view,
      selectedNodes: new Set(["bye"]),
      nodeProblems: new Map([["answer", ["Broken."]]]),
    });
    expect(after.nodes[0]).toBe(before.nodes[0]);
    expect(after.nodes[1]?.data.problems).toEqual(["Broken."]);
    expect(after.nodes[2]?.selected).toBe(true);
  });

  it("gives a redrawn node its measured size, without redrawing nodes only measured", () => {
    const toCanvas = createCanvasMapper();
    const flow = sampleFlow();
    const before = toCanvas(flow, view);
    expect(before.nodes[0]?.measured).toBeUndefined();
    const size = { width: 240, height: 90 };
    const sizes = new Map([
      ["route", size],
      ["answer", size],
    ]);
    const measured = toCanvas(flow, { ...view, sizes });
    expect(measured.nodes[0]).toBe(before.nodes[0]);
    const moved = toCanvas(moveNodes(flow, new Map([["answer", { x: 1, y: 1 }]])), {
      ...view,
      sizes,
    });
    expect(moved.nodes[1]?.measured).toBe(size);
  });

  it("summarizes an incomplete config as empty text rather than failing", () => {
    const flow = sampleFlow();
    const broken = { ...flow.nodes[0], config: {} } as (typeof flow.nodes)[0];
    const [node] = createCanvasMapper()({ ...flow, nodes: [broken] }, view).nodes;
    expect(node?.data.summary).toBe("");
    expect(node?.data.geometry.outputs.map((o) => o.id)).toEqual(["question", "fallback"]);
  });

  it("gives plain nodes a plain handle and their optional branches", () => {
    const llm = {
      id: "ask",
      type: "llm" as const,
      config: { prompt: "p", temperature: 0.3, maxTokens: 10, fallback: "f" },
    };
    expect(outputHandles(llm).map((o) => o.id)).toEqual(["@next", "error"]);
  });
});
