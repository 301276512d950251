import { describe, expect, it } from "bun:test";
import { copyNodes, parseClip, pasteClip } from "../../../studio/src/core/clipboard.ts";
import { sampleFlow } from "./helpers.ts";

describe("clipboard", () => {
  it("copies the selected nodes and only the edges between them", () => {
    const clip = copyNodes(sampleFlow(), new Set(["route", "answer"]));
    expect(clip.nodes.map((n) => n.id)).toEqual(["route", "answer"]);
    expect(clip.edges).toEqual([{ source: "route", target: "answer", branch: "question" }]);
  });

  it("pastes with fresh ids, shifted, with the edges renamed", () => {
    const flow = sampleFlow();
    const { flow: pasted, ids } = pasteClip(flow, copyNodes(flow, new Set(["route", "answer"])));
    expect(ids).toEqual(["route_2", "answer_2"]);
    expect(pasted.nodes.find((n) => n.id === "answer_2")?.position).toEqual({ x: 340, y: 40 });
    expect(pasted.edges.at(-1)).toEqual({
      source: "route_2",
      target: "answer_2",
      branch: "question",
    });
    expect(pasted.entry).toBe("route");
  });

  it("round-trips through clipboard text and ignores other text", () => {
    const clip = copyNodes(sampleFlow(), new Set(["bye"]));
    expect(parseClip(JSON.stringify(clip))).toEqual(clip);
    expect(parseClip("hello")).toBeUndefined();
    expect(parseClip('{"kind":"other"}')).toBeUndefined();
  });
});
