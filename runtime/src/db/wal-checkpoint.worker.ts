/**
 * The worker of `startWalCheckpointer`: its own connection to the database file, checkpointing
 * the write-ahead log on a timer. PASSIVE copies what it can without waiting on the server's
 * connection, which keeps committing meanwhile.
 */
import { Database } from "bun:sqlite";

declare const self: Worker;

export interface WalCheckpointStart {
  path: string;
  intervalMs: number;
}

let database: Database | undefined;
let timer: ReturnType<typeof setInterval> | undefined;

self.onmessage = (event: MessageEvent<WalCheckpointStart | "stop">) => {
  if (event.data === "stop") {
    clearInterval(timer);
    database?.close();
    postMessage("stopped");
    return;
  }
  const { path, intervalMs } = event.data;
  database = new Database(path);
  timer = setInterval(() => {
    try {
      database?.run("pragma wal_checkpoint(PASSIVE)");
    } catch {
      // Busy with a checkpoint of the server's own; the next tick tries again.
    }
  }, intervalMs);
};
