import pRetry from "p-retry";
import type { RetryPolicy } from "../schema/catalog.ts";
import { isRetryableError } from "./is-retryable-error.ts";
import { ModelTimeoutError } from "./model-timeout-error.ts";

/** The policy of a catalog entry without `retry`; an entry's `retry` overrides it field by field. */
export const defaultRetryPolicy: RetryPolicy = {
  timeoutMs: 30_000,
  maxAttempts: 3,
  backoffMs: 500,
  maxBackoffMs: 8_000,
};

/** What one attempt gets: its number (from 1) and the signal that ends it. */
export interface Attempt {
  number: number;
  /** Aborts at the attempt's timeout or when the caller's signal aborts. */
  signal: AbortSignal;
}

/** Runs one attempt, failing with ModelTimeoutError at the deadline even if `run` ignores its signal. */
async function attemptWithin<T>(
  run: (attempt: Attempt) => Promise<T>,
  number: number,
  timeoutMs: number,
  outer: AbortSignal | undefined,
): Promise<T> {
  const deadline = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new ModelTimeoutError(timeoutMs);
      deadline.abort(error);
      reject(error);
    }, timeoutMs);
  });
  const signal = outer ? AbortSignal.any([outer, deadline.signal]) : deadline.signal;
  try {
    return await Promise.race([run({ number, signal }), timedOut]);
  } catch (error) {
    // The client reports our deadline as its own abort error; name the real cause.
    throw deadline.signal.aborted && !outer?.aborted
      ? (deadline.signal.reason as ModelTimeoutError)
      : error;
  } finally {
    clearTimeout(timer);
  }
}

export interface RetryOptions {
  /** Stops at once, without retrying, when it aborts. */
  signal?: AbortSignal;
  /** Told of each failed attempt as it fails, before any wait for the next. */
  onFailure?: (error: unknown, attempt: number) => void;
}

/**
 * Runs `run` until it succeeds, retrying with exponential backoff and jitter on errors worth
 * retrying (see isRetryableError), each attempt bounded by the policy's timeout.
 *
 * @example
 * const answer = await withRetries(({ signal }) => chat.invoke(messages, { signal }), defaultRetryPolicy);
 */
export function withRetries<T>(
  run: (attempt: Attempt) => Promise<T>,
  policy: RetryPolicy,
  options: RetryOptions = {},
): Promise<T> {
  const attempt = async (number: number) => {
    try {
      return await attemptWithin(run, number, policy.timeoutMs, options.signal);
    } catch (error) {
      options.onFailure?.(error, number);
      throw error;
    }
  };
  return pRetry(attempt, {
    retries: policy.maxAttempts - 1,
    factor: 2,
    minTimeout: policy.backoffMs,
    maxTimeout: policy.maxBackoffMs,
    randomize: true,
    signal: options.signal,
    shouldRetry: ({ error }) => isRetryableError(error),
  });
}
