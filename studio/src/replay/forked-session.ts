import type { TurnInput } from "@switchboard/engine";
import type { RecordedOutcome } from "../../../runtime/src/api-types.ts";
import type { ChatSession } from "../runs/chat-session.ts";
import { timelineOfOutcome } from "./replay-comparison.ts";

/** A recorded turn as `GET /api/replay/chats/:id/sessions` lists it. */
export interface RecordedTurnView {
  runId: string;
  input: TurnInput;
  outcome: RecordedOutcome;
}

/**
 * The chat panel's session for a fork: the recorded turns up to the fork as they happened, on
 * the studio thread the fork's checkpoint was copied to, talking to the draft from then on.
 *
 * @example chat.continueWith(forkedSession("support", fork.threadId, turns.slice(0, 3)));
 */
export function forkedSession(
  flowId: string,
  threadId: string,
  turns: RecordedTurnView[],
): ChatSession {
  return {
    flowId,
    version: "draft",
    threadId,
    turns: turns.map((turn, index) => {
      const recorded = {
        index,
        input: turn.input,
        recorded: turn.outcome,
        replayed: turn.outcome,
        changes: [],
        divergedAt: null,
      };
      const timeline = timelineOfOutcome(recorded, "recorded");
      return { number: index + 1, timeline: { ...timeline, source: "recorded" as const } };
    }),
  };
}
