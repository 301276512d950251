import type { RecordedConversation } from "../conversations/index.ts";
import {
  type ConversationReplay,
  type ReplayOptions,
  replayConversation,
} from "./replay-conversation.ts";
import type { ReplayTarget } from "./replay-target.ts";

export interface ReplayManyOptions extends ReplayOptions {
  /** How many conversations are replayed at once (their model calls overlap; their CPU work takes turns). */
  concurrency: number;
  /** Called as each conversation's replay ends, in the order they end. */
  onReplayed: (replay: ConversationReplay) => void;
}

/** Lets timers, I/O and other requests run between two conversations. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Replays conversations against one target, at most `concurrency` at a time, yielding to the
 * event loop between conversations.
 *
 * @example
 * await replayMany(target, conversations, { models: "recorded", concurrency: 4, onReplayed: report });
 */
export async function replayMany(
  target: ReplayTarget,
  conversations: RecordedConversation[],
  { concurrency, onReplayed, ...options }: ReplayManyOptions,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < conversations.length) {
      const conversation = conversations[next++] as RecordedConversation;
      onReplayed(await replayConversation(target, conversation, options));
      await yieldToEventLoop();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
}
