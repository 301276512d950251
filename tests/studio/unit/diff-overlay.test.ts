import { describe, expect, it } from "bun:test";
import { diffOverlay } from "../../../studio/src/core/diff-overlay.ts";
import { sampleFlow } from "./helpers.ts";

describe("diffOverlay", () => {
  it("puts removed nodes and edges back beside the newer version, and marks every change", () => {
    const older = sampleFlow();
    const newer = {
      ...older,
      nodes: [older.nodes[0], older.nodes[1], { id: "end", type: "end", config: {} }],
      edges: [older.edges[0], { source: "route", target: "end", branch: "fallback" }],
    } as typeof older;
    const bye = older.nodes[2];
    if (!bye) throw new Error("no node");
    const { flow, marks } = diffOverlay(newer, {
      same: false,
      metadata: [],
      nodes: {
        added: [{ id: "end", type: "end", config: {} }],
        removed: [bye],
        changed: [{ id: "answer", type: "reply", changes: [] }],
        moved: [],
      },
      edges: {
        added: [{ source: "route", target: "end", branch: "fallback", name: "x" }],
        removed: [{ source: "route", target: "bye", branch: "fallback", name: "y" }],
      },
    });
    expect(flow.nodes.map((n) => n.id)).toEqual(["route", "answer", "end", "bye"]);
    expect(flow.edges).toHaveLength(3);
    expect(Object.fromEntries(marks.nodes)).toEqual({
      end: "added",
      bye: "removed",
      answer: "changed",
    });
    expect(Object.fromEntries(marks.edges)).toEqual({
      "route:fallback->end": "added",
      "route:fallback->bye": "removed",
    });
  });
});
