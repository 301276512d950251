import { describe, expect, it } from "bun:test";
import type { TurnResult } from "@switchboard/engine";
import {
  timelineFromResult,
  timelineFromRun,
} from "../../../studio/src/runs/recorded-timelines.ts";
import type { TestTurnEvent } from "../../../studio/src/runs/test-turn-events.ts";
import { applyTurnEvent, startTimeline } from "../../../studio/src/runs/turn-timeline.ts";

const state = (vars: Record<string, unknown> = {}, intent: string | null = null) => ({
  vars,
  intent: intent ? { name: intent, confidence: 0.9 } : null,
  handoff: null,
});

const result = (overrides: Partial<TurnResult> = {}): TurnResult => ({
  threadId: "t",
  status: "waiting",
  replies: [{ nodeId: "faq", text: "We open at 11am on Sunday.", author: "bot" }],
  visited: ["classify", "faq"],
  intent: { name: "question", confidence: 0.9 },
  vars: {},
  handoff: null,
  calls: [{ nodeId: "classify", model: "default", provider: "local", latencyMs: 3 }],
  errors: [],
  durationMs: 42,
  ...overrides,
});

/** A support turn as the runtime streams it: classify routes to faq, which streams its answer. */
const STREAM: TestTurnEvent[] = [
  { type: "node_start", nodeId: "classify", nodeType: "classify" } as TestTurnEvent,
  {
    type: "model_call",
    call: { nodeId: "classify", model: "default", provider: "local", latencyMs: 3 },
  },
  {
    type: "node_end",
    nodeId: "classify",
    nodeType: "classify",
    durationMs: 5,
    route: "question",
    update: { intent: { name: "question", confidence: 0.9 } },
    state: state({}, "question"),
  },
  { type: "node_start", nodeId: "faq", nodeType: "faq" } as TestTurnEvent,
  { type: "token", nodeId: "faq", delta: "We open " },
  { type: "token", nodeId: "faq", delta: "at 11am on Sunday." },
  { type: "reply", nodeId: "faq", text: "We open at 11am on Sunday.", author: "bot" },
  {
    type: "node_end",
    nodeId: "faq",
    nodeType: "faq",
    durationMs: 20,
    route: null,
    update: {},
    state: state({}, "question"),
  },
  { type: "done", result: result() },
];

describe("a live turn's timeline", () => {
  it("grows node by node as the events arrive, the running node last", () => {
    let timeline = startTimeline({ kind: "user", text: "sunday?" }, state({ name: "Ana" }));
    timeline = applyTurnEvent(timeline, STREAM[0] as TestTurnEvent);
    expect(timeline.steps).toMatchObject([{ nodeId: "classify", status: "running" }]);
    expect(timeline.steps[0]?.input).toEqual(state({ name: "Ana" }));

    for (const event of STREAM.slice(1, 6)) timeline = applyTurnEvent(timeline, event);
    expect(timeline.pending).toBe("We open at 11am on Sunday.");
    expect(timeline.steps.map((s) => [s.nodeId, s.status])).toEqual([
      ["classify", "done"],
      ["faq", "running"],
    ]);
    expect(timeline.steps[1]?.input).toEqual(state({}, "question"));
  });

  it("ends with the result, the replies, each node's calls, timing, branch and states", () => {
    let timeline = startTimeline({ kind: "user", text: "sunday?" });
    for (const event of STREAM) timeline = applyTurnEvent(timeline, event);
    expect(timeline).toMatchObject({ status: "done", pending: "", durationMs: 42 });
    expect(timeline.replies.map((r) => r.text)).toEqual(["We open at 11am on Sunday."]);
    const [classify, faq] = timeline.steps;
    expect(classify).toMatchObject({
      status: "done",
      durationMs: 5,
      route: "question",
      calls: [{ model: "default", provider: "local", latencyMs: 3 }],
      output: state({}, "question"),
    });
    expect(classify?.input).toBeUndefined();
    expect(faq).toMatchObject({
      streamed: "We open at 11am on Sunday.",
      replies: [{ nodeId: "faq" }],
    });
  });

  it("takes a node's starting variables and intent from its node_start when sent", () => {
    const started = {
      type: "node_start",
      nodeId: "classify",
      nodeType: "classify",
      state: { vars: { plan: "pro" }, intent: null },
    } as TestTurnEvent;
    const timeline = applyTurnEvent(startTimeline({ kind: "user", text: "hi" }), started);
    expect(timeline.steps[0]?.input).toEqual(state({ plan: "pro" }));
  });

  it("marks a node with errors failed, and running nodes failed when the turn fails", () => {
    let timeline = startTimeline({ kind: "user", text: "hi" });
    timeline = applyTurnEvent(timeline, STREAM[0] as TestTurnEvent);
    timeline = applyTurnEvent(timeline, {
      type: "error",
      nodeId: "classify",
      code: "model_failed",
      message: "timeout",
    });
    timeline = applyTurnEvent(timeline, {
      type: "failed",
      code: "internal_error",
      message: "boom",
    });
    expect(timeline).toMatchObject({ status: "failed", failure: { message: "boom" } });
    expect(timeline.steps[0]).toMatchObject({
      status: "failed",
      errors: [{ code: "model_failed", message: "timeout" }],
    });
  });

  it("keeps the open handoff a node reports", () => {
    const handoff = {
      status: "open" as const,
      nodeId: "escalate",
      queue: "support",
      reason: "asked for a person",
      summary: "",
      openedAt: "",
      updatedAt: "",
    };
    const timeline = applyTurnEvent(startTimeline({ kind: "user", text: "a person" }), {
      type: "handoff",
      handoff,
    });
    expect(timeline.handoff).toEqual(handoff);
  });
});

describe("timelines of simulated and recorded turns", () => {
  it("builds a simulated turn's steps from its result, with the branches when known", () => {
    const timeline = timelineFromResult({ kind: "user", text: "sunday?" }, result(), [
      "question",
      null,
    ]);
    expect(timeline.source).toBe("simulated");
    expect(timeline.steps.map((s) => [s.nodeId, s.route])).toEqual([
      ["classify", "question"],
      ["faq", null],
    ]);
    expect(timeline.steps[0]?.calls).toHaveLength(1);
    expect(timeline.steps[1]?.replies).toHaveLength(1);

    const failed = timelineFromResult(
      { kind: "user", text: "x" },
      result({ status: "failed", errors: [{ nodeId: "faq", code: "x", message: "broke" }] }),
    );
    expect(failed.status).toBe("failed");
    expect(failed.steps[1]).toMatchObject({ status: "failed", errors: [{ message: "broke" }] });
    expect(failed.steps[0]?.route).toBeUndefined();
  });

  it("builds a recorded turn's steps from its run: timings, model calls and errors", () => {
    const timeline = timelineFromRun({
      id: "r1",
      status: "failed",
      error: "the model is down",
      flowId: "support",
      flowVersion: 2,
      startedAt: "2026-01-01T10:00:00.000Z",
      durationMs: 900,
      nodes: [
        { nodeId: "classify", startedAt: "", durationMs: 4, error: null, route: "question" },
        {
          nodeId: "faq",
          startedAt: "",
          durationMs: 800,
          error: "the model is down",
          route: null,
        },
      ],
      modelCalls: [
        {
          nodeId: "faq",
          model: "big",
          inputTokens: 10,
          outputTokens: 0,
          durationMs: 800,
          error: "503",
        },
      ],
    });
    expect(timeline).toMatchObject({ source: "recorded", status: "failed", durationMs: 900 });
    expect(timeline.steps[1]).toMatchObject({
      status: "failed",
      calls: [{ model: "big", latencyMs: 800, error: "503" }],
    });
  });
});
