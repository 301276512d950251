import { describe, expect, it } from "bun:test";
import { createTestBench } from "../../../studio/src/runs/test-bench.ts";
import { startTimeline, type TurnTimeline } from "../../../studio/src/runs/turn-timeline.ts";
import { sampleFlow } from "./helpers.ts";

const timeline = (...nodes: string[]): TurnTimeline => ({
  ...startTimeline({ kind: "user", text: "hi" }),
  steps: nodes.map((nodeId) => ({
    nodeId,
    status: "done",
    route: nodeId === "route" ? "question" : null,
    calls: [],
    replies: [],
    errors: [],
    streamed: "",
  })),
});

describe("the test bench", () => {
  it("lights the open turn's path on the canvas flow, with the picked step focused", () => {
    const bench = createTestBench();
    bench.setCanvasFlow("sample", sampleFlow().edges);
    bench.inspect({ key: "chat:1", label: "Chat, turn 1", timeline: timeline("route", "answer") });
    expect([...bench.highlighter.getState().edges]).toEqual(["route:question->answer"]);
    bench.selectStep(1);
    expect(bench.highlighter.getState().focused).toBe("answer");
    bench.close();
    expect(bench.highlighter.getState().nodes.size).toBe(0);
  });

  it("keeps the picked step while the same turn grows, and drops it for another turn", () => {
    const bench = createTestBench();
    bench.inspect({ key: "chat:1", label: "Chat, turn 1", timeline: timeline("route") });
    bench.selectStep(0);
    bench.inspect({ key: "chat:1", label: "Chat, turn 1", timeline: timeline("route", "answer") });
    expect(bench.getState().selectedStep).toBe(0);
    bench.inspect({ key: "chat:2", label: "Chat, turn 2", timeline: timeline("route") });
    expect(bench.getState().selectedStep).toBeNull();
  });

  it("lights nothing for a turn of another flow than the canvas's", () => {
    const bench = createTestBench();
    bench.setCanvasFlow("sample", sampleFlow().edges);
    bench.inspect({
      key: "run:1",
      label: "A sales chat",
      timeline: timeline("route"),
      flow: { id: "sales", version: 2 },
    });
    expect(bench.highlighter.getState().nodes.size).toBe(0);
    expect(bench.getState().inspection?.key).toBe("run:1");
  });
});
