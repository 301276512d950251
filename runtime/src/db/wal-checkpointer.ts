import type { WalCheckpointStart } from "./wal-checkpoint.worker.ts";

export interface WalCheckpointer {
  /** Stops the timer and closes the worker's connection. */
  stop(): Promise<void>;
}

/**
 * Checkpoints a SQLite file's write-ahead log from a worker thread every `intervalMs`, so that
 * copying committed pages into the database file, and its fsync, happen beside the server's
 * event loop instead of inside the commit that crosses SQLite's automatic threshold (a stall of
 * several milliseconds every few dozen turns, for every conversation at once).
 *
 * @example
 * const checkpointer = startWalCheckpointer("data/switchboard.db");
 * await checkpointer.stop();
 */
export function startWalCheckpointer(path: string, intervalMs = 500): WalCheckpointer {
  // Bun's Worker (the DOM's type has no unref): it must not keep a finished CLI command alive.
  const worker = new Worker(new URL("./wal-checkpoint.worker.ts", import.meta.url), {
    smol: true,
  }) as Bun.Worker;
  worker.postMessage({ path, intervalMs } satisfies WalCheckpointStart);
  worker.unref();
  return {
    async stop() {
      // A worker that already died answers with its close event instead.
      const stopped = new Promise<void>((resolve) => {
        worker.onmessage = () => resolve();
        worker.addEventListener("close", () => resolve());
      });
      worker.postMessage("stop");
      await stopped;
      worker.terminate();
    },
  };
}
