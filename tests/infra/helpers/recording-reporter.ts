import { PassThrough } from "node:stream";
import type { VllmReporter } from "../../../infra/src/index.ts";

/** A reporter that keeps what it was told; `tty` makes its stream look like a terminal. */
export function recordingReporter(
  tty = false,
): VllmReporter & { lines: string[]; waits: string[]; drawn: () => string } {
  const stream = Object.assign(new PassThrough(), { isTTY: tty, columns: 120 });
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const lines: string[] = [];
  const waits: string[] = [];
  return {
    stream,
    lines,
    waits,
    say: (line) => lines.push(line),
    waiting: (status, logLine) => waits.push(logLine ? `${status} │ ${logLine}` : status),
    drawn: () => Buffer.concat(chunks).toString("utf8"),
  };
}
