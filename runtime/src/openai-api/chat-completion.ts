import type { ConversationEvent } from "../conversations/index.ts";

/** What every object of one completion shares. */
export interface CompletionHead {
  /** `chatcmpl-` and the turn's id. */
  id: string;
  /** Unix seconds. */
  created: number;
  model: string;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** Between two replies of one turn, in the one message the API answers with. */
export const REPLY_SEPARATOR = "\n\n";

/** `chat.completion`: the turn's replies as one assistant message. */
export function chatCompletion(head: CompletionHead, content: string, usage: Usage) {
  return {
    ...head,
    object: "chat.completion" as const,
    choices: [
      {
        index: 0,
        message: { role: "assistant" as const, content, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: "stop" as const,
      },
    ],
    usage,
    system_fingerprint: null,
  };
}

/** One `chat.completion.chunk` of a stream; `usage` only when the client asked for it. */
export function completionChunk(
  head: CompletionHead,
  delta: { role?: "assistant"; content?: string },
  finishReason: "stop" | null,
  usage?: Usage | null,
) {
  return {
    ...head,
    object: "chat.completion.chunk" as const,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    system_fingerprint: null,
    ...(usage === undefined ? {} : { usage }),
  };
}

/** The last chunk of a stream that asked for usage: no choices, the turn's usage. */
export function usageChunk(head: CompletionHead, usage: Usage) {
  return {
    ...head,
    object: "chat.completion.chunk" as const,
    choices: [],
    system_fingerprint: null,
    usage,
  };
}

/**
 * Counts the tokens of a turn's model calls (the flow may call several models, or none: a
 * scripted answer uses no tokens).
 */
export function createUsageCounter() {
  const usage: Usage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  return {
    usage,
    count(event: ConversationEvent) {
      if (event.type !== "model_call") return;
      usage.prompt_tokens += event.call.inputTokens ?? 0;
      usage.completion_tokens += event.call.outputTokens ?? 0;
      usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
    },
  };
}
