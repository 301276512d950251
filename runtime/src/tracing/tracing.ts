import type { TurnEvent, TurnInput, TurnResult, WatchSimulation } from "@switchboard/engine";
import type { ExportStats } from "./buffered-span-exporter.ts";
import { readTracingConfig } from "./tracing-config.ts";

/** What a turn is and whose it is: the trace's name, session, user, tags and metadata. */
export interface TurnContext {
  /**
   * The turn's own id (the user's message id): its trace id is derived from it, so feedback
   * naming the message finds the trace without a lookup.
   */
  turnId: string;
  flowId: string;
  flowVersion: number;
  /** The chat, which is the Langfuse session. */
  chatId: string;
  /** The chat's user; left out for a human agent's turn. */
  userId?: string;
  /** "web", "whatsapp", "studio", … */
  channel: string;
  input: TurnInput;
}

/**
 * One turn being traced: run the turn with `nodeState`, feed it the events, then end it. It
 * records plain data as the turn goes; ending it hands the record to the export worker, which
 * builds the trace.
 */
export interface TurnTrace {
  /** Null when tracing is off. */
  readonly traceId: string | null;
  /** The trace in Langfuse; null when tracing is off. */
  readonly url: string | null;
  /** Feed every event of the turn, in order. */
  record(event: TurnEvent): void;
  /** Ends the trace with the turn's replies and outcome. */
  end(result: TurnResult): void;
  /** Ends the trace of a turn that threw. */
  fail(error: unknown): void;
}

/** A user's judgement of a turn, sent over the WebSocket as a `feedback` message. */
export interface Feedback {
  value: number;
  comment?: string;
}

/** What `/ready` and the logs show of tracing. */
export type TracingStats = { enabled: false } | ({ enabled: true } & ExportStats);

/**
 * Langfuse tracing of conversation turns, or nothing at all when it isn't configured. No
 * method waits on Langfuse or throws because of it, so tracing can't hurt a conversation.
 */
export interface Tracing {
  readonly enabled: boolean;
  startTurn(turn: TurnContext): TurnTrace;
  /** Records feedback as a score on the trace of the turn `turnId`. */
  scoreTurn(turnId: string, feedback: Feedback): void;
  /** The Langfuse URL of the turn's trace; null when tracing is off. */
  traceUrl(turnId: string): string | null;
  /** For `simulateFlowFiles`: each simulation run as a trace, scored pass or fail. */
  readonly watchSimulation: WatchSimulation | undefined;
  /** What became of the spans so far, once the traces handed over until now are built. */
  stats(): Promise<TracingStats>;
  /** Sends what is buffered now. */
  flush(): Promise<void>;
  /** Sends what is buffered (within the export timeout) and stops; for graceful shutdown. */
  shutdown(): Promise<void>;
}

/** The trace of a turn that isn't traced. */
export const untracedTurn: TurnTrace = {
  traceId: null,
  url: null,
  record: () => {},
  end: () => {},
  fail: () => {},
};

/** Tracing when Langfuse isn't configured: creates nothing, sends nothing. */
export const tracingOff: Tracing = {
  enabled: false,
  startTurn: () => untracedTurn,
  scoreTurn: () => {},
  traceUrl: () => null,
  watchSimulation: undefined,
  stats: async () => ({ enabled: false }),
  flush: async () => {},
  shutdown: async () => {},
};

/**
 * Starts Langfuse tracing when LANGFUSE_PUBLIC_KEY and LANGFUSE_SECRET_KEY are set, else returns
 * `tracingOff`. The SDK is only loaded when it is needed.
 *
 * @throws TracingConfigError when the settings are incomplete or malformed.
 * @example
 * const tracing = await createTracing(process.env);
 * const trace = tracing.startTurn({ turnId, flowId, flowVersion, chatId, userId, channel, input });
 */
export async function createTracing(
  env: Record<string, string | undefined> = process.env,
): Promise<Tracing> {
  const config = readTracingConfig(env);
  if (!config) return tracingOff;
  const { startLangfuseTracing } = await import("./langfuse-tracing.ts");
  return startLangfuseTracing(config, env);
}
