/** A stream the reporter writes to; a terminal has `isTTY` and `columns`. */
export type ReporterStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/** How a `switchboard vllm` command tells the user what is going on. */
export interface VllmReporter {
  /** A line of what the command checked, found or did. */
  say(line: string): void;
  /**
   * Where the wait for readiness stands, with the container's latest log line. A terminal
   * redraws it in place; elsewhere (CI, a log file) only new log lines are printed.
   */
  waiting(status: string, logLine: string | undefined): void;
  /** Where a progress bar draws. */
  readonly stream: ReporterStream;
}

/** A reporter writing to `stream`, redrawing the waiting line when it is a terminal. */
export function createTerminalReporter(stream: ReporterStream = process.stdout): VllmReporter {
  let redrawing = false;
  let lastLogLine: string | undefined;
  const clear = () => {
    if (redrawing) stream.write("\r\x1b[2K");
    redrawing = false;
  };
  return {
    stream,
    say(line) {
      clear();
      stream.write(`${line}\n`);
    },
    waiting(status, logLine) {
      if (stream.isTTY) {
        const line = logLine ? `${status} │ ${logLine}` : status;
        stream.write(`\r\x1b[2K${line.slice(0, (stream.columns ?? 120) - 1)}`);
        redrawing = true;
      } else if (logLine && logLine !== lastLogLine) {
        stream.write(`  │ ${logLine}\n`);
      }
      lastLogLine = logLine;
    },
  };
}
