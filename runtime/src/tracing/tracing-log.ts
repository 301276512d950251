/** Where tracing reports trouble exporting; never the content of a span. */
export interface TracingLog {
  dropped(count: number): void;
  failed(error: Error, count: number): void;
}

/** One line a minute at most: a Langfuse outage must not flood the logs. */
const INTERVAL_MS = 60_000;

/**
 * Logs dropped and failed spans, the first time at once and then at most once per interval
 * with the counts since the last line. Error messages name the cause, never a header or key.
 *
 * @example
 * const log = createTracingLog("https://cloud.langfuse.com");
 * log.dropped(12); // "tracing: dropped 12 spans …"
 */
export function createTracingLog(
  baseUrl: string,
  write: (line: string) => void = (line) => console.warn(line),
  now: () => number = Date.now,
): TracingLog {
  let last = Number.NEGATIVE_INFINITY;
  let dropped = 0;
  let failed = 0;
  let cause = "";
  const flush = () => {
    if (now() - last < INTERVAL_MS) return;
    last = now();
    const parts = [];
    if (dropped > 0)
      parts.push(`dropped ${dropped} spans from the full buffer (Langfuse slow or down)`);
    if (failed > 0) parts.push(`failed to send ${failed} spans to ${baseUrl}: ${cause}`);
    if (parts.length > 0) write(`tracing: ${parts.join("; ")}`);
    dropped = 0;
    failed = 0;
  };
  return {
    dropped(count) {
      dropped += count;
      flush();
    },
    failed(error, count) {
      failed += count;
      cause = error.message;
      flush();
    },
  };
}
