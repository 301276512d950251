import { describe, expect, it } from "bun:test";
import { diffFlows } from "@switchboard/engine";
import { describeDiff } from "../../../studio/src/core/describe-diff.ts";
import { removeElements, setNodeValue } from "../../../studio/src/core/flow-edits.ts";
import { sampleFlow } from "./helpers.ts";

describe("describeDiff", () => {
  it("reads as changed settings, nodes and edges", () => {
    const before = sampleFlow();
    let after = setNodeValue(before, "route", "/config/threshold", 0.6);
    after = removeElements(after, new Set(["bye"]), new Set());
    after = { ...after, name: "Renamed" };
    const sections = describeDiff(diffFlows(before, after));
    expect(sections).toEqual([
      {
        title: "Flow settings",
        lines: [{ change: "changed", text: '/name: "Sample" → "Renamed"' }],
      },
      {
        title: "Nodes",
        lines: [
          { change: "removed", text: "bye (end) removed" },
          { change: "changed", text: "route/config/threshold: 0.45 → 0.6" },
        ],
      },
      { title: "Edges", lines: [{ change: "removed", text: "route → bye (fallback) removed" }] },
    ]);
  });

  it("is empty when nothing changed", () => {
    expect(describeDiff(diffFlows(sampleFlow(), sampleFlow()))).toEqual([]);
  });
});
