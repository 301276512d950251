import { describe, expect, it } from "bun:test";
import type { RecordedOutcome } from "../../../runtime/src/conversations/turn-recording.ts";
import { diffTurn } from "../../../runtime/src/replay/diff-turn.ts";
import { forkedSession } from "../../../studio/src/replay/forked-session.ts";
import {
  compareTurn,
  type ReplayedTurn,
  timelineOfOutcome,
} from "../../../studio/src/replay/replay-comparison.ts";
import { chatStatus } from "../../../studio/src/runs/chat-session.ts";
import { highlightPath } from "../../../studio/src/runs/path-highlight.ts";

const outcome = (change: Partial<RecordedOutcome> = {}): RecordedOutcome => ({
  status: "waiting",
  replies: [{ nodeId: "faq", text: "We open at 11am on Sunday.", author: "bot" }],
  path: ["classify", "faq"],
  intent: { name: "question", confidence: 0.587 },
  vars: {},
  handoff: null,
  ...change,
});

function turn(recorded: RecordedOutcome, replayed: RecordedOutcome): ReplayedTurn {
  return {
    index: 1,
    input: { kind: "user", text: "what is your warranty?" },
    recorded,
    replayed,
    ...diffTurn(recorded, replayed),
  };
}

const fellBack = outcome({
  replies: [{ nodeId: "fallback", text: "Sorry, I'm not sure I understood.", author: "bot" }],
  path: ["classify", "fallback"],
});

describe("a replayed turn side by side", () => {
  it("marks exactly the fields the diff found changed", () => {
    const fields = compareTurn(turn(outcome(), fellBack));
    expect(fields.filter((field) => field.changed).map((field) => field.label)).toEqual([
      "Replies",
      "Path",
    ]);
    expect(fields.find((field) => field.label === "Path")).toMatchObject({
      recorded: "classify → faq",
      replayed: "classify → fallback",
    });
    expect(fields.find((field) => field.label === "Intent")?.replayed).toBe("question (0.59)");
  });

  it("lights the replayed path with its first divergence on the canvas", () => {
    const replayed = turn(outcome(), fellBack);
    expect(replayed.divergedAt).toBe("classify");
    const highlight = highlightPath(
      timelineOfOutcome(replayed, "replayed"),
      [],
      null,
      replayed.divergedAt,
    );
    expect([...highlight.nodes]).toEqual([
      ["classify", "diverged"],
      ["fallback", "visited"],
    ]);
  });

  it("makes a fork's chat session of the recorded turns, going on from the last one", () => {
    const session = forkedSession("support", "fork-1", [
      {
        runId: "r1",
        input: { kind: "user", text: "let me talk to a person" },
        outcome: outcome({ status: "handoff" }),
      },
    ]);
    expect(session).toMatchObject({ flowId: "support", version: "draft", threadId: "fork-1" });
    expect(session.turns[0]?.timeline.replies.map((reply) => reply.text)).toEqual([
      "We open at 11am on Sunday.",
    ]);
    expect(chatStatus(session)).toBe("handoff");
  });
});
