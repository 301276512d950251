import { type ExportResult, ExportResultCode } from "@opentelemetry/core";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-base";
import type { SpanExportCommand, SpanExportReport } from "./span-export.worker.ts";
import { toSpanMessage } from "./span-message.ts";

/** What the worker needs to export: where to, under which resource, and what to redact. */
export type WorkerSpanExporterOptions = Omit<Extract<SpanExportCommand, { type: "start" }>, "type">;

/**
 * A span exporter whose work happens in a worker thread: each batch is posted as plain data,
 * and the worker redacts it, builds the OTLP/HTTP JSON request and sends it. The thread that
 * runs conversations only copies the spans into the message.
 *
 * @example
 * const exporter = new WorkerSpanExporter({ otlp: { url, headers, timeoutMillis }, resource, env, mask });
 */
export class WorkerSpanExporter implements SpanExporter {
  readonly #worker: Worker;
  readonly #pending = new Map<number, (result: ExportResult) => void>();
  #nextId = 0;
  /** Why the worker can't export any more, once it can't. */
  #broken: Error | undefined;
  #onStopped = () => {};
  #stopped: Promise<void> | undefined;

  constructor(options: WorkerSpanExporterOptions) {
    this.#worker = new Worker(new URL("./span-export.worker.ts", import.meta.url), { smol: true });
    this.#worker.onmessage = ({ data: report }: MessageEvent<SpanExportReport>) => {
      if (report.type === "stopped") return this.#onStopped();
      const done = this.#pending.get(report.id);
      this.#pending.delete(report.id);
      done?.(
        report.error === undefined
          ? { code: ExportResultCode.SUCCESS }
          : { code: ExportResultCode.FAILED, error: new Error(report.error) },
      );
    };
    this.#worker.onerror = (event) => {
      this.#broken = new Error(`the span export worker stopped: ${event.message}`);
      this.#failPending();
      this.#onStopped();
    };
    this.#send({ type: "start", ...options });
    // It must not keep a finished CLI command alive (Bun's Worker; the DOM's type has no unref).
    (this.#worker as Bun.Worker).unref();
  }

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    if (this.#broken || this.#stopped) {
      done({
        code: ExportResultCode.FAILED,
        error: this.#broken ?? new Error("The span exporter is shut down."),
      });
      return;
    }
    const id = ++this.#nextId;
    this.#pending.set(id, done);
    this.#send({ type: "export", id, spans: spans.map(toSpanMessage) });
  }

  /** Lets the worker finish what it is sending (its exporter's own timeout bounds it), then ends it. */
  shutdown(): Promise<void> {
    this.#stopped ??= (async () => {
      if (!this.#broken)
        await new Promise<void>((resolve) => {
          this.#onStopped = resolve;
          this.#send({ type: "shutdown" });
        });
      this.#failPending();
      this.#worker.terminate();
    })();
    return this.#stopped;
  }

  #send(command: SpanExportCommand): void {
    this.#worker.postMessage(command);
  }

  #failPending(): void {
    const error = this.#broken ?? new Error("The span exporter shut down before an answer came.");
    for (const done of this.#pending.values()) done({ code: ExportResultCode.FAILED, error });
    this.#pending.clear();
  }
}
