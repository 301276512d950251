import type { WalCheckpointCommand, WalCheckpointReport } from "./wal-checkpoint.worker.ts";

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
  const worker = new Worker(new URL("./wal-checkpoint.worker.ts", import.meta.url), {
    smol: true,
  });
  const send = (command: WalCheckpointCommand) => worker.postMessage(command);
  let failed = false;
  let onStopped = () => {};
  worker.onmessage = ({ data: report }: MessageEvent<WalCheckpointReport>) => {
    if (report.type === "stopped") return onStopped();
    failed = true;
    console.warn(
      `SQLite: the background checkpointer could not start (${report.message}); commits checkpoint the log themselves.`,
    );
  };
  send({ type: "start", path, intervalMs });
  // It must not keep a finished CLI command alive (Bun's Worker; the DOM's type has no unref).
  (worker as Bun.Worker).unref();
  return {
    async stop() {
      if (!failed)
        await new Promise<void>((resolve) => {
          onStopped = resolve;
          send("stop");
        });
      worker.terminate();
    },
  };
}
