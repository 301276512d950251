/** How a turn ended: answered, stopped at an interrupt waiting for the user, or failed. */
type RunStatus = "completed" | "interrupted" | "failed";

/**
 * What a user's turn came to, for analytics: answered; the classifier found no intent it knows
 * (`fallback`); the knowledge base had no answer (`no_answer`); handed to a human (`handoff`); or
 * failed. When a turn does several, the later in this list wins: a handoff after a fallback is a
 * handoff.
 */
export type RunOutcome = "answered" | "fallback" | "no_answer" | "handoff" | "failed";

/** One turn of a conversation through a flow: the local record the studio's timeline shows. */
export interface RunTable {
  id: string;
  chatId: string | null;
  /** The LangGraph thread the turn ran on. */
  threadId: string;
  flowId: string;
  flowVersion: number;
  status: RunStatus;
  error: string | null;
  startedAt: string;
  durationMs: number;
  /** The turn's trace in Langfuse, when tracing is configured. */
  traceUrl: string | null;
  /** The user's message the turn answered (its turn id); null for a human agent's action. */
  messageId: string | null;
  /** How the user's turn came out; null for a human agent's action. */
  outcome: RunOutcome | null;
  /** The intent a classify node routed the turn by, when one did. */
  intent: string | null;
}

/** A node the turn visited, in order. */
export interface RunNodeTable {
  runId: string;
  seq: number;
  nodeId: string;
  startedAt: string;
  durationMs: number;
  error: string | null;
  /** The branch the node took (`no_answer`, an intent…); null when it has one way out. */
  route: string | null;
}

/** A call to a model during the turn, with the tokens it used. */
export interface RunModelCallTable {
  runId: string;
  seq: number;
  nodeId: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  durationMs: number;
  error: string | null;
}

/** A turn's recording, for replays: JSON of the `TurnRecording` parts (see turn-recording.ts). */
export interface RunRecordingTable {
  runId: string;
  input: string;
  outcome: string;
  modelAnswers: string;
  httpResponses: string;
}
