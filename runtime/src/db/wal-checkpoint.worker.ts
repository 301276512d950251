/**
 * The worker of `startWalCheckpointer`: its own connection to the database file, checkpointing
 * the write-ahead log on a timer. PASSIVE copies what it can without waiting on the server's
 * connection, which keeps committing meanwhile.
 */
import { Database } from "bun:sqlite";

declare const self: Worker;

export type WalCheckpointCommand = { type: "start"; path: string; intervalMs: number } | "stop";
export type WalCheckpointReport = { type: "failed"; message: string } | { type: "stopped" };

const report = (message: WalCheckpointReport) => postMessage(message);

let database: Database | undefined;
let timer: ReturnType<typeof setInterval> | undefined;

self.onmessage = ({ data: command }: MessageEvent<WalCheckpointCommand>) => {
  if (command === "stop") {
    clearInterval(timer);
    database?.close();
    report({ type: "stopped" });
    return;
  }
  try {
    database = new Database(command.path);
  } catch (error) {
    report({ type: "failed", message: (error as Error).message });
    return;
  }
  timer = setInterval(() => {
    try {
      database?.run("pragma wal_checkpoint(PASSIVE)");
    } catch {
      // Busy with a checkpoint of the server's own; the next tick tries again.
    }
  }, command.intervalMs);
};
