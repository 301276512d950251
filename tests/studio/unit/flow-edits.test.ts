import { describe, expect, it } from "bun:test";
import { validateFlow } from "@switchboard/engine/validate";
import { edgeIds } from "../../../studio/src/core/edge-ids.ts";
import { newFlow } from "../../../studio/src/core/flow-draft.ts";
import {
  addNode,
  connect,
  moveNodes,
  reconnect,
  removeElements,
  renameNode,
  setNodeValue,
} from "../../../studio/src/core/flow-edits.ts";
import { sampleFlow } from "./helpers.ts";

describe("flow edits", () => {
  it("starts a new flow that validates", () => {
    expect(validateFlow(newFlow("billing", "Billing")).ok).toBe(true);
  });

  it("adds a node with a fresh id and makes the first node of an empty flow the entry", () => {
    const empty = { ...newFlow("f", "F"), nodes: [] };
    const first = addNode(empty, "reply", { x: 10.4, y: 20.6 });
    expect(first.id).toBe("reply");
    expect(first.flow.entry).toBe("reply");
    expect(first.flow.nodes[0]?.position).toEqual({ x: 10, y: 21 });
    const second = addNode(first.flow, "reply", { x: 0, y: 0 });
    expect(second.id).toBe("reply_2");
    expect(second.flow.entry).toBe("reply");
  });

  it("shares untouched nodes with the previous document", () => {
    const flow = sampleFlow();
    const moved = moveNodes(flow, new Map([["answer", { x: 1, y: 2 }]]));
    expect(moved.nodes[0]).toBe(flow.nodes[0]);
    expect(moved.nodes[1]).not.toBe(flow.nodes[1]);
  });

  it("removes a node together with its edges", () => {
    const flow = removeElements(sampleFlow(), new Set(["answer"]), new Set());
    expect(flow.nodes.map((n) => n.id)).toEqual(["route", "bye"]);
    expect(flow.edges).toEqual([{ source: "route", target: "bye", branch: "fallback" }]);
  });

  it("removes an edge by its canvas id", () => {
    const flow = sampleFlow();
    const [first] = edgeIds(flow.edges);
    expect(removeElements(flow, new Set(), new Set([first ?? ""])).edges).toHaveLength(1);
  });

  it("replaces the edge that already leaves a branch, since a branch leads to one node", () => {
    const flow = connect(sampleFlow(), {
      source: "route",
      sourceHandle: "question",
      target: "bye",
    });
    expect(flow.edges).toContainEqual({ source: "route", target: "bye", branch: "question" });
    expect(flow.edges.filter((e) => e.branch === "question")).toHaveLength(1);
  });

  it("connects a plain edge without a branch", () => {
    const flow = connect(sampleFlow(), { source: "answer", sourceHandle: null, target: "bye" });
    expect(flow.edges.at(-1)).toEqual({ source: "answer", target: "bye" });
  });

  it("reconnects an edge to another target in place", () => {
    const flow = sampleFlow();
    const [id] = edgeIds(flow.edges);
    const next = reconnect(flow, id ?? "", {
      source: "route",
      sourceHandle: "question",
      target: "bye",
    });
    expect(next.edges[0]).toEqual({ source: "route", target: "bye", branch: "question" });
    expect(next.edges).toHaveLength(2);
  });

  it("renames a node with its edges and the entry", () => {
    const flow = renameNode(sampleFlow(), "route", "triage");
    expect(flow.entry).toBe("triage");
    expect(flow.edges.every((e) => e.source === "triage")).toBe(true);
    expect(validateFlow(flow).ok).toBe(true);
  });

  it("sets and clears values inside a node", () => {
    const titled = setNodeValue(sampleFlow(), "answer", "/title", "Answer");
    expect(titled.nodes[1]?.title).toBe("Answer");
    const cleared = setNodeValue(titled, "answer", "/title", undefined);
    expect("title" in (cleared.nodes[1] ?? {})).toBe(false);
  });
});
