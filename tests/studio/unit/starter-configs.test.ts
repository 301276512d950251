import { describe, expect, it } from "bun:test";
import { nodeTypes } from "@switchboard/engine/schema";
import { validateFlow } from "@switchboard/engine/validate";
import { addNode } from "../../../studio/src/core/flow-edits.ts";
import { paletteGroups } from "../../../studio/src/core/node-metadata.ts";
import { sampleFlow } from "./helpers.ts";

describe("nodes dropped from the palette", () => {
  for (const type of nodeTypes) {
    it(`gives a ${type} node a config that matches its schema`, () => {
      const flow = { ...sampleFlow(), knowledge: [{ id: "kb", source: "kb.json" }] };
      const { flow: next, id } = addNode(flow, type, { x: 0, y: 0 });
      const result = validateFlow(next);
      const problems = result.ok ? [] : result.problems;
      const schemaProblems = problems.filter(
        (p) => p.nodeId === id && p.path.includes("/config") && !p.message.includes("reads"),
      );
      expect(schemaProblems).toEqual([]);
    });
  }

  it("lists every node type in the palette, grouped, and searches it", () => {
    const groups = paletteGroups();
    expect(groups.map((g) => g.category)).toEqual(["understand", "answer", "act", "logic"]);
    expect(groups.flatMap((g) => g.types).sort()).toEqual([...nodeTypes].sort());
    expect(paletteGroups("human").flatMap((g) => g.types)).toEqual(["escalate"]);
    expect(paletteGroups("zzz")).toEqual([]);
  });
});
