import { booleanAt, isObject, numberAt, objectAt, stringAt } from "./json-fields.ts";

/**
 * What a failure means for the message: wait and try again because of a rate limit, try again
 * soon (the service or the network faltered), or give up (retrying can't help).
 */
export type GraphErrorKind = "rate_limited" | "transient" | "permanent";

/**
 * Meta's throttling codes (its error-code reference): app calls (4), the business account's
 * rate (80007), the Cloud API's throughput (130429), and messages to one user (131056, "wait and
 * retry"). Meta sends some of them with HTTP 400, so the code decides, not the status.
 */
const RATE_LIMIT_CODES = new Set([4, 80007, 130429, 131056]);

/** Codes Meta describes as temporary: service downtime or overload, "something went wrong". */
const TRANSIENT_CODES = new Set([2, 131000, 131016, 133004]);

/** A failed Graph API request: Meta's error code and the HTTP status, and whether to retry. */
export class GraphApiError extends Error {
  override readonly name = "GraphApiError";
  /** How many tries the request had when this was its last failure. */
  attempts = 1;

  constructor(
    message: string,
    readonly kind: GraphErrorKind,
    /** Meta's error code (e.g. 131047), or null when no answer came (a network error). */
    readonly code: number | null,
    readonly httpStatus: number | null,
    /** How long Meta asked to wait (`Retry-After`), when it did. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }

  /** A line for the message's record: code, status and Meta's own words. */
  describe(): string {
    const code = this.code === null ? "" : `#${this.code} `;
    const status = this.httpStatus === null ? "" : ` (HTTP ${this.httpStatus})`;
    return `${code}${this.message}${status}`;
  }
}

/**
 * The error of a Graph API answer that is not a success, classified from Meta's error object
 * (`error.code`, `error.is_transient`, `error.error_data.details`) and the HTTP status.
 *
 * @example
 * if (!response.ok) throw graphApiError(response.status, await response.json(), response.headers);
 */
export function graphApiError(httpStatus: number, body: unknown, headers?: Headers): GraphApiError {
  const error = isObject(body) ? objectAt(body, "error") : undefined;
  const code = numberAt(error, "code") ?? null;
  const details = stringAt(objectAt(error ?? {}, "error_data"), "details");
  const message =
    [stringAt(error, "message"), details].filter(Boolean).join(": ") ||
    `The Graph API answered HTTP ${httpStatus} without an error object.`;
  const kind: GraphErrorKind =
    code !== null && RATE_LIMIT_CODES.has(code)
      ? "rate_limited"
      : httpStatus === 429
        ? "rate_limited"
        : (code !== null && TRANSIENT_CODES.has(code)) ||
            booleanAt(error, "is_transient") === true ||
            httpStatus >= 500
          ? "transient"
          : "permanent";
  return new GraphApiError(message, kind, code, httpStatus, retryAfter(headers));
}

/** A request that got no answer: refused, reset, timed out, or an answer that couldn't be read. */
export function networkError(cause: unknown): GraphApiError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new GraphApiError(
    `The Graph API could not be reached: ${reason}`,
    "transient",
    null,
    null,
  );
}

function retryAfter(headers: Headers | undefined): number | null {
  const value = headers?.get("retry-after");
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}
