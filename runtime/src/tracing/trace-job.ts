import type { TurnTraceRecord } from "./turn-trace-record.ts";

/** What a trace says of the whole: its name, session, user, version, tags and metadata. */
export interface TraceAttributes {
  traceName: string;
  sessionId?: string;
  userId?: string;
  version?: string;
  tags: string[];
  metadata: Record<string, string>;
}

/**
 * A trace to build, as the thread that ran the turns posts it to the export worker: a turn of a
 * conversation, or a simulation run with its turns nested.
 */
export type TraceJob =
  | { type: "turn"; traceId: string; attributes: TraceAttributes; turn: TurnTraceRecord }
  | {
      type: "simulation";
      traceId: string;
      attributes: TraceAttributes;
      name: string;
      input: unknown;
      startTime: number;
      endTime: number;
      output: unknown;
      /** Why the simulation failed, when it did. */
      failure?: string;
      turns: TurnTraceRecord[];
    };
