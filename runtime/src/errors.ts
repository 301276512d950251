import { FlowError, type FlowErrorCode, type FlowProblem } from "@switchboard/engine";
import { DatabaseError } from "./db/database-error.ts";

/** What the runtime itself reports to clients, besides the engine's codes. */
export type AppErrorCode =
  | "invalid_request"
  | "unauthorized"
  | "forbidden"
  | "expired"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "busy"
  | "too_large"
  | "too_many_connections"
  | "shutting_down"
  | "unavailable"
  | "internal_error";

export type ErrorCode = AppErrorCode | FlowErrorCode;

/**
 * An error the runtime's services throw for a client to see: a code for programs, one sentence
 * for people. Its HTTP status comes from the code, in `describeError`.
 */
export class AppError extends Error {
  override readonly name = "AppError";

  constructor(
    readonly code: AppErrorCode,
    message: string,
  ) {
    super(message);
  }

  get status(): number {
    return STATUS[this.code];
  }
}

/** How a failure is shown to a client: over HTTP with `status`, over WebSocket as an `error` event. */
export interface ErrorDescription {
  status: number;
  code: ErrorCode;
  message: string;
  /** Every problem of a flow that does not validate, located by JSON pointer and node id. */
  problems?: FlowProblem[];
}

const STATUS: Record<ErrorCode, number> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  expired: 410,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  busy: 503,
  too_large: 413,
  too_many_connections: 503,
  shutting_down: 503,
  unavailable: 503,
  internal_error: 500,
  invalid_json: 400,
  invalid_flow: 400,
  invalid_simulation: 422,
  invalid_expression: 422,
  invalid_catalog: 500,
  invalid_knowledge: 422,
  unknown_model: 500,
  model_failed: 502,
  node_failed: 500,
  turn_rejected: 409,
};

/** Errors whose message is written for the client; anything else is logged and stays hidden. */
const EXPOSED = new Set<ErrorCode>([
  "invalid_request",
  "unauthorized",
  "forbidden",
  "expired",
  "not_found",
  "conflict",
  "rate_limited",
  "busy",
  "too_large",
  "too_many_connections",
  "shutting_down",
  "unavailable",
  "invalid_json",
  "invalid_flow",
  "invalid_simulation",
  "invalid_expression",
  // A flow's knowledge file that is missing or malformed: the author needs to know which.
  "invalid_knowledge",
  "turn_rejected",
]);

/**
 * The one place that decides what a client learns about a failure: engine, persistence and
 * runtime errors get their status and code; unexpected ones a generic 500 (and a log line).
 */
export function describeError(error: unknown): ErrorDescription {
  if (error instanceof AppError || error instanceof FlowError) {
    const status = STATUS[error.code];
    if (EXPOSED.has(error.code)) {
      const problems = error instanceof FlowError ? error.problems : [];
      return {
        status,
        code: error.code,
        message: error.message,
        ...(problems.length > 0 ? { problems } : {}),
      };
    }
    console.error(error);
    return { status, code: error.code, message: GENERIC[status === 502 ? 502 : 500] };
  }
  if (error instanceof DatabaseError)
    return {
      status: 503,
      code: "unavailable",
      message: "The database is unreachable; try again shortly.",
    };
  console.error(error);
  return { status: 500, code: "internal_error", message: GENERIC[500] };
}

const GENERIC = {
  500: "Something went wrong on the server.",
  502: "The model did not answer; try again shortly.",
};

/** The WebSocket `error` event for a failure; `message_id` names the turn it ended, if one began. */
export function errorEvent(
  error: unknown,
  messageId?: string,
): { type: "error"; code: ErrorCode; message: string; message_id?: string } {
  const { code, message } = describeError(error);
  return messageId === undefined
    ? { type: "error", code, message }
    : { type: "error", code, message, message_id: messageId };
}
