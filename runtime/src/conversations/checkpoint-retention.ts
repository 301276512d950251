/** How often retention runs: closed conversations age slowly, so hourly is plenty. */
const HOUR_MS = 60 * 60 * 1000;

export interface RetentionOptions {
  /** Deletes the checkpoints of conversations closed before the date; returns how many. */
  prune: (olderThan: Date) => Promise<number>;
  /** Age after which a closed conversation's checkpoints go (its messages stay). */
  retentionDays: number;
  everyMs?: number;
  log?: (line: string) => void;
}

/**
 * Prunes old checkpoints now and then every hour until stopped. A failed run is logged and
 * retried at the next one: retention must never take the server down.
 *
 * @example
 * const stop = scheduleCheckpointRetention({ prune: (d) => pruneCheckpoints(db, d), retentionDays: 30 });
 */
export function scheduleCheckpointRetention(options: RetentionOptions): () => void {
  const { prune, retentionDays, everyMs = HOUR_MS, log = console.warn } = options;
  const run = async () => {
    const olderThan = new Date(Date.now() - retentionDays * 24 * HOUR_MS);
    try {
      const pruned = await prune(olderThan);
      if (pruned > 0) log(`Retention: pruned the checkpoints of ${pruned} closed conversation(s).`);
    } catch (error) {
      log(`Retention: pruning checkpoints failed, will retry: ${(error as Error).message}`);
    }
  };
  void run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
