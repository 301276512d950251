/** Why a database call failed, for callers that answer differently (e.g. 503 and retry later). */
export type DatabaseErrorCode = "unreachable";

/**
 * A failure of the database itself rather than of the query: the server is down, restarting,
 * or dropped the connection. The pool keeps working, so the same call succeeds once the server
 * is back.
 */
export class DatabaseError extends Error {
  override readonly name = "DatabaseError";

  constructor(
    readonly code: DatabaseErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

// Node's socket errors, and PostgreSQL's SQLSTATE classes 08 (connection exception) and 57P
// (the server shutting down or starting up).
const SOCKET_ERRORS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
const CONNECTION_MESSAGES = [
  "Connection terminated",
  "connection error and is not queryable",
  "timeout exceeded when trying to connect",
  "Client was closed and is not queryable",
  "Connection closed",
];

/** Whether an error from the `pg` driver means the server can't be reached, as opposed to a bad query. */
export function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (SOCKET_ERRORS.has(code) || /^(08|57P)/.test(code))) return true;
  if (error instanceof AggregateError) return error.errors.some(isConnectionFailure);
  return CONNECTION_MESSAGES.some((text) => error.message.includes(text));
}
