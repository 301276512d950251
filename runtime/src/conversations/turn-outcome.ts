import type { TurnStatus } from "@switchboard/engine";
import type { ConversationEvent, IdentifiedReply, TurnIds } from "./conversation-events.ts";

/** How a turn ended, for channels that answer once rather than as events happen. */
export type TurnOutcome = TurnIds & { status: TurnStatus; replies: IdentifiedReply[] };

/**
 * A turn's listener that gathers its outcome: `outcome` resolves at `turn_ended` and rejects
 * with the failure at `turn_failed`.
 *
 * @example
 * const { onEvent, outcome } = collectTurn();
 * void chats.sendMessage(message, onEvent);
 * const { chatId, replies } = await outcome;
 */
export function collectTurn(): {
  onEvent: (event: ConversationEvent) => void;
  outcome: Promise<TurnOutcome>;
} {
  const { promise, resolve, reject } = Promise.withResolvers<TurnOutcome>();
  return {
    outcome: promise,
    onEvent(event) {
      if (event.type === "turn_ended") {
        const { type: _, ...outcome } = event;
        resolve(outcome);
      } else if (event.type === "turn_failed") reject(event.error);
    },
  };
}
