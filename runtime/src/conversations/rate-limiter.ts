/** Says whether a user may send another message now. */
export interface RateLimiter {
  /** Takes one message from the user's allowance; returns the seconds to wait when none is left. */
  take(userId: string): { ok: true } | { ok: false; retryAfterSeconds: number };
}

const MINUTE_MS = 60_000;

/**
 * A token bucket per user: `perMinute` messages at once, refilled evenly over a minute. Full
 * buckets are forgotten, so memory follows the users active in the last minute.
 *
 * @example
 * const limiter = createRateLimiter(10);
 * if (!limiter.take("user-1").ok) reject();
 */
export function createRateLimiter(perMinute: number, now = () => Date.now()): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refillPerMs = perMinute / MINUTE_MS;
  let lastSweep = now();

  const level = (bucket: { tokens: number; at: number }, at: number) =>
    Math.min(perMinute, bucket.tokens + (at - bucket.at) * refillPerMs);

  const sweep = (at: number) => {
    if (at - lastSweep < MINUTE_MS) return;
    lastSweep = at;
    for (const [userId, bucket] of buckets) {
      if (level(bucket, at) >= perMinute) buckets.delete(userId);
    }
  };

  return {
    take(userId) {
      const at = now();
      sweep(at);
      const bucket = buckets.get(userId) ?? { tokens: perMinute, at };
      const tokens = level(bucket, at);
      if (tokens < 1) {
        return { ok: false, retryAfterSeconds: Math.ceil((1 - tokens) / refillPerMs / 1000) };
      }
      buckets.set(userId, { tokens: tokens - 1, at });
      return { ok: true };
    },
  };
}
