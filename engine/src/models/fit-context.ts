import type { BaseMessage } from "@langchain/core/messages";
import type { ModelEntry } from "../schema/catalog.ts";
import type { ModelSettings } from "./model.ts";

/** Tokens kept free for the answer when neither the node nor the catalog caps its length. */
const ANSWER_RESERVE = 1024;

/** A rough token count: about four characters a token for English text, plus a little per message. */
function estimateTokens(message: BaseMessage): number {
  const text =
    typeof message.content === "string" ? message.content : JSON.stringify(message.content);
  return Math.ceil(text.length / 4) + 4;
}

/**
 * How many tokens a prompt to this model may take: its context size less the room its answer
 * needs. Undefined when the catalog gives no context size.
 *
 * @example
 * contextBudgetOf({ provider: "vllm", contextTokens: 8192, … }, { maxTokens: 512 }) // 7680
 */
export function contextBudgetOf(entry: ModelEntry, settings: ModelSettings): number | undefined {
  if (!("contextTokens" in entry) || entry.contextTokens === undefined) return undefined;
  const answer =
    settings.maxTokens ?? ("maxTokens" in entry ? entry.maxTokens : undefined) ?? ANSWER_RESERVE;
  return Math.max(0, entry.contextTokens - answer);
}

/**
 * Leaves out the oldest conversation messages until the prompt fits the budget, so a long
 * conversation never overflows a small model's context. System messages and the latest
 * message always stay.
 *
 * @example
 * fitContext([system, ...history, latest], 7680)
 */
export function fitContext(messages: BaseMessage[], budget: number | undefined): BaseMessage[] {
  if (budget === undefined) return messages;
  const sizes = messages.map(estimateTokens);
  let total = sizes.reduce((sum, size) => sum + size, 0);
  if (total <= budget) return messages;
  const dropped = new Set<number>();
  for (let i = 0; i < messages.length - 1 && total > budget; i++) {
    if (messages[i]?.getType() === "system") continue;
    dropped.add(i);
    total -= sizes[i] ?? 0;
  }
  return messages.filter((_, i) => !dropped.has(i));
}
