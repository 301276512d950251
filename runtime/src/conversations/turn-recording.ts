import type { Handoff, IntentResult, TurnInput, TurnResult, TurnStatus } from "@switchboard/engine";

/** What a turn produced, as a replay compares it: replies, path, intent, variables, handoff. */
export interface RecordedOutcome {
  status: TurnStatus;
  replies: { nodeId: string; text: string; author: "bot" | "agent" }[];
  /** The nodes the turn ran, in order. */
  path: string[];
  intent: IntentResult | null;
  vars: Record<string, unknown>;
  handoff: Handoff | null;
  /** Why the turn failed, when it did (the flow refused the input, or the turn threw). */
  error?: string;
  /** The nodes that failed and took their error branch or the flow's fallback reply. */
  nodeErrors?: { nodeId: string; message: string }[];
}

/** A chat model's answer to one prompt, found again by the prompt's hash. */
export interface RecordedModelAnswer {
  nodeId: string | null;
  promptHash: string;
  content: string;
  toolCalls?: { name: string; args: Record<string, unknown>; id?: string }[];
}

/** An `http` node's response, its body cut at `HTTP_BODY_LIMIT` characters. */
export interface RecordedHttpResponse {
  method: string;
  url: string;
  status: number;
  body: string;
  /** Whether the body was longer than the limit (a replay of it then fails clearly). */
  truncated: boolean;
}

/** Everything a turn needs to be replayed against another version of its flow. */
export interface TurnRecording {
  input: TurnInput;
  outcome: RecordedOutcome;
  modelAnswers: RecordedModelAnswer[];
  httpResponses: RecordedHttpResponse[];
}

/** Bounds of a recording: a response body, and the responses and answers kept per turn. */
export const HTTP_BODY_LIMIT = 16_384;
export const RECORDED_PER_TURN = 32;

/** A turn's result as a recording keeps it. */
export function outcomeOf(result: TurnResult): RecordedOutcome {
  return {
    status: result.status,
    replies: result.replies.map(({ nodeId, text, author }) => ({ nodeId, text, author })),
    path: result.visited,
    intent: result.intent,
    vars: result.vars,
    handoff: result.handoff,
    ...(result.errors.length > 0
      ? { nodeErrors: result.errors.map(({ nodeId, message }) => ({ nodeId, message })) }
      : {}),
  };
}

/** The outcome recorded for a turn that failed: no replies, the error's message. */
export function failedOutcome(error: unknown): RecordedOutcome {
  return {
    status: "failed",
    replies: [],
    path: [],
    intent: null,
    vars: {},
    handoff: null,
    error: error instanceof Error ? error.message : String(error),
  };
}
