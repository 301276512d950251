import { ModelTimeoutError } from "./model-timeout-error.ts";

/** Socket-level failures: the server was not reached or the connection broke mid-answer. */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_SOCKET",
  "ConnectionRefused",
  "ConnectionClosed",
]);

/** The HTTP status an error carries: OpenAI's `status`, the AWS SDK's `$metadata`. */
export function statusOf(error: unknown): number | undefined {
  if (!error || typeof error !== "object") return undefined;
  const candidate = error as { status?: unknown; $metadata?: { httpStatusCode?: unknown } };
  const status = candidate.status ?? candidate.$metadata?.httpStatusCode;
  return typeof status === "number" ? status : undefined;
}

function isConnectionError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const { code, name, cause } = error as { code?: unknown; name?: unknown; cause?: unknown };
  if (typeof code === "string" && CONNECTION_CODES.has(code)) return true;
  // The OpenAI SDK wraps every fetch failure in APIConnectionError, whatever the cause's code.
  if (error.constructor?.name === "APIConnectionError" || name === "APIConnectionError")
    return true;
  return isConnectionError(cause, depth + 1);
}

/**
 * Whether another attempt on the same model may succeed: connection errors, our own attempt
 * timeout, 429 and 5xx are worth retrying; any other 4xx or a malformed answer is not, and goes
 * straight to the model's fallbacks.
 *
 * @example
 * isRetryableError(Object.assign(new Error("rate limited"), { status: 429 })) // true
 */
export function isRetryableError(error: unknown): boolean {
  if (error instanceof ModelTimeoutError) return true;
  const status = statusOf(error);
  if (status !== undefined && status >= 400) return status === 429 || status >= 500;
  return isConnectionError(error);
}
