import { describe, expect, it } from "bun:test";
import type { TurnEvent } from "@switchboard/engine";
import { createTurnRecorder } from "../../../runtime/src/conversations/turn-recorder.ts";

const nodeEnd = (nodeType: string, route: string | null, update = {}): TurnEvent => ({
  type: "node_end",
  nodeId: nodeType,
  nodeType,
  durationMs: 1,
  route,
  update,
});
const classified = (name: string, route = name) =>
  nodeEnd("classify", route, { intent: { name, confidence: route === name ? 0.9 : 0.2 } });

/** What the run record says of a turn with these events. */
function outcomeOf(events: TurnEvent[], status: "waiting" | "failed" = "waiting") {
  const recorder = createTurnRecorder();
  for (const event of events) recorder.record(event);
  const { outcome, intent } = recorder.run(status);
  return { outcome, intent };
}

describe("a turn's outcome and intent, as its run records them", () => {
  it("is answered, with the intent the classifier routed by", () => {
    expect(outcomeOf([classified("question"), nodeEnd("faq", "answered")])).toEqual({
      outcome: "answered",
      intent: "question",
    });
  });

  it("is a fallback when the classifier takes its fallback branch, with no intent", () => {
    expect(outcomeOf([classified("buy", "fallback"), nodeEnd("reply", null)])).toEqual({
      outcome: "fallback",
      intent: null,
    });
  });

  it("is no answer when the faq node finds none", () => {
    expect(outcomeOf([classified("question"), nodeEnd("faq", "no_answer")])).toEqual({
      outcome: "no_answer",
      intent: "question",
    });
  });

  it("is a handoff when the flow opens one, whatever came before", () => {
    const handoff: TurnEvent = {
      type: "handoff",
      handoff: {
        status: "open",
        nodeId: "escalate",
        queue: "support",
        reason: "asked",
        summary: "",
        openedAt: "",
        updatedAt: "",
      },
    };
    expect(outcomeOf([classified("human", "fallback"), handoff])).toEqual({
      outcome: "handoff",
      intent: null,
    });
  });

  it("is failed when the turn failed", () => {
    expect(outcomeOf([classified("question")], "failed")).toEqual({
      outcome: "failed",
      intent: "question",
    });
  });
});
