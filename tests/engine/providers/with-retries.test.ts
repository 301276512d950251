import { describe, expect, it } from "bun:test";
import { isRetryableError } from "../../../engine/src/models/is-retryable-error.ts";
import { ModelTimeoutError } from "../../../engine/src/models/model-timeout-error.ts";
import { withRetries } from "../../../engine/src/models/with-retries.ts";

const quick = { timeoutMs: 1000, maxAttempts: 3, backoffMs: 1, maxBackoffMs: 2 };
const withStatus = (status: number) => Object.assign(new Error(`HTTP ${status}`), { status });

describe("isRetryableError", () => {
  it("retries 429, 5xx, connection errors and timeouts", () => {
    expect(isRetryableError(withStatus(429))).toBe(true);
    expect(isRetryableError(withStatus(500))).toBe(true);
    expect(isRetryableError(withStatus(503))).toBe(true);
    // The AWS SDK puts the status in $metadata.
    expect(
      isRetryableError(
        Object.assign(new Error("slow down"), { $metadata: { httpStatusCode: 429 } }),
      ),
    ).toBe(true);
    expect(isRetryableError(Object.assign(new Error("reset"), { code: "ECONNRESET" }))).toBe(true);
    // The OpenAI SDK wraps fetch failures, keeping the socket error as the cause.
    const cause = Object.assign(new TypeError("refused"), { code: "ECONNREFUSED" });
    expect(isRetryableError(new Error("Connection error.", { cause }))).toBe(true);
    expect(isRetryableError(new ModelTimeoutError(100))).toBe(true);
  });

  it("does not retry other 4xx or malformed answers", () => {
    for (const status of [400, 401, 403, 404, 408, 422])
      expect(isRetryableError(withStatus(status))).toBe(false);
    expect(isRetryableError(new SyntaxError("Unexpected end of JSON input"))).toBe(false);
    expect(isRetryableError(new Error("the scripted model has no response left"))).toBe(false);
  });
});

describe("withRetries", () => {
  it("retries what is worth retrying up to the attempt cap, reporting each failure", async () => {
    const failures: number[] = [];
    let calls = 0;
    const run = withRetries(
      async () => {
        calls++;
        throw withStatus(503);
      },
      quick,
      { onFailure: (_, attempt) => failures.push(attempt) },
    );
    await expect(run).rejects.toThrow("HTTP 503");
    expect(calls).toBe(3);
    expect(failures).toEqual([1, 2, 3]);
  });

  it("answers with the first attempt that succeeds", async () => {
    const answer = await withRetries(async ({ number }) => {
      if (number < 2) throw withStatus(429);
      return `attempt ${number}`;
    }, quick);
    expect(answer).toBe("attempt 2");
  });

  it("does not retry a 4xx", async () => {
    let calls = 0;
    const run = withRetries(async () => {
      calls++;
      throw withStatus(400);
    }, quick);
    await expect(run).rejects.toThrow("HTTP 400");
    expect(calls).toBe(1);
  });

  it("ends an attempt at its timeout even when the work ignores its signal", async () => {
    const signals: AbortSignal[] = [];
    const run = withRetries(
      ({ signal }) => {
        signals.push(signal);
        return new Promise<string>(() => {});
      },
      { ...quick, timeoutMs: 20, maxAttempts: 2 },
    );
    await expect(run).rejects.toBeInstanceOf(ModelTimeoutError);
    expect(signals).toHaveLength(2);
    expect(signals.every((signal) => signal.aborted)).toBe(true);
  });

  it("stops at once, without retrying, when the caller aborts", async () => {
    const controller = new AbortController();
    let calls = 0;
    const run = withRetries(
      async ({ signal }) => {
        calls++;
        controller.abort(new Error("the user left"));
        signal.throwIfAborted();
        return "never";
      },
      quick,
      { signal: controller.signal },
    );
    await expect(run).rejects.toThrow("the user left");
    expect(calls).toBe(1);
  });
});
