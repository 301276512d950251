import { DatabaseError } from "./database-error.ts";

/** How long to wait before each retry; the last delay repeats until `until` passes. */
const DELAYS_MS = [100, 250, 500, 1000, 2000, 5000];

export interface RetryOptions {
  /** Gives up (rethrows) once this returns true; default: after about a minute. */
  giveUp?: (attempt: number, elapsedMs: number) => boolean;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Runs `work` again, with growing pauses, while it fails because the database can't be reached
 * (a `DatabaseError`: a PostgreSQL restart, a dropped connection); any other error, or one past
 * `giveUp`, is thrown at once.
 *
 * @example
 * await retryWhileUnreachable(() => markSent(db, id, sent));
 */
export async function retryWhileUnreachable<T>(
  work: () => Promise<T>,
  { giveUp = (_, elapsedMs) => elapsedMs > 60_000, sleep = Bun.sleep }: RetryOptions = {},
): Promise<T> {
  const started = Date.now();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof DatabaseError) || giveUp(attempt, Date.now() - started)) throw error;
      await sleep(DELAYS_MS[Math.min(attempt, DELAYS_MS.length) - 1] as number);
    }
  }
}
