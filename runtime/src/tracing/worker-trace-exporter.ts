import type { ExportStats } from "./buffered-span-exporter.ts";
import type { TraceExportCommand, TraceExportReport } from "./trace-export.worker.ts";
import type { TraceJob } from "./trace-job.ts";
import { TraceRing } from "./trace-ring.ts";

/** What the worker needs: where to export, under which resource, what to redact, its limits. */
export type WorkerTraceExporterOptions = Omit<
  Extract<TraceExportCommand, { type: "start" }>,
  "type" | "ring"
>;

/**
 * The ring's size: finished traces waiting for the worker, as JSON (a two-step turn's is about
 * 5 KB). Past it (a stuck or slow worker) new traces are dropped and counted.
 */
const RING_BYTES = 8 * 1024 * 1024;

export interface WorkerTraceExporterEvents {
  /** Told of spans (or whole traces the worker could not take) dropped. */
  onDrop?: (count: number) => void;
  /** Told of spans whose export request failed. */
  onFailure?: (error: Error, count: number) => void;
  /** Told of a trace the worker could not build. */
  onFault?: (error: Error) => void;
}

const NO_STATS: ExportStats = { buffered: 0, dropped: 0, exported: 0, failed: 0 };

/**
 * Hands finished turns' trace records to a worker thread, which builds their spans and exports
 * them: the thread that runs conversations serializes each record into a ring in shared memory
 * (`TraceRing`), which the worker drains; no message per trace. At most `RING_BYTES` of records
 * wait for the worker; past that (a stuck worker) new ones are dropped and counted.
 *
 * @example
 * const exporter = new WorkerTraceExporter({ otlp, resource, env, mask, environment, limits });
 * exporter.post({ type: "turn", traceId, attributes, turn: record });
 */
export class WorkerTraceExporter {
  readonly #worker: Worker;
  readonly #events: WorkerTraceExporterEvents;
  readonly #ring: TraceRing;
  readonly #answers = new Map<number, (stats: ExportStats) => void>();
  #nextId = 0;
  /** Traces dropped here, before the worker had them. */
  #dropped = 0;
  /** Why the worker can't take any more, once it can't. */
  #broken: Error | undefined;
  #onStopped: (stats: ExportStats) => void = () => {};
  #stopped: Promise<ExportStats> | undefined;

  constructor(options: WorkerTraceExporterOptions, events: WorkerTraceExporterEvents = {}) {
    this.#events = events;
    const ring = TraceRing.allocate(RING_BYTES);
    this.#ring = new TraceRing(ring);
    this.#worker = new Worker(new URL("./trace-export.worker.ts", import.meta.url), {
      smol: true,
    });
    this.#worker.onmessage = ({ data }: MessageEvent<TraceExportReport>) => this.#receive(data);
    this.#worker.onerror = (event) => {
      this.#broken = new Error(`the trace export worker stopped: ${event.message}`);
      this.#answerAll(NO_STATS);
      this.#onStopped(NO_STATS);
    };
    this.#send({ type: "start", ...options, ring });
    // It must not keep a finished CLI command alive (Bun's Worker; the DOM's type has no unref).
    (this.#worker as Bun.Worker).unref();
  }

  post(job: TraceJob): void {
    // As JSON: one string copied into the ring, where cloning the record's objects for a message
    // cost the thread more; and messages serialize as their own JSON, as traces always showed them.
    if (this.#broken || this.#stopped || !this.#ring.write(JSON.stringify(job))) {
      this.#dropped += 1;
      this.#events.onDrop?.(1);
    }
  }

  /** Waits until the worker built what was posted before and sent what it buffers. */
  flush(): Promise<ExportStats> {
    return this.#ask("flush");
  }

  /** What happened to the spans so far, once the worker built what was posted before. */
  stats(): Promise<ExportStats> {
    return this.#ask("stats");
  }

  /** Lets the worker send what it buffers (within its export timeout), then ends it. */
  shutdown(): Promise<ExportStats> {
    this.#stopped ??= (async () => {
      const stats = this.#broken
        ? NO_STATS
        : await new Promise<ExportStats>((resolve) => {
            this.#onStopped = resolve;
            this.#send({ type: "shutdown" });
          });
      this.#answerAll(stats);
      this.#worker.terminate();
      return this.#withOwnDrops(stats);
    })();
    return this.#stopped;
  }

  #ask(type: "flush" | "stats"): Promise<ExportStats> {
    if (this.#broken) return Promise.resolve(this.#withOwnDrops(NO_STATS));
    if (this.#stopped) return this.#stopped;
    const id = ++this.#nextId;
    return new Promise((resolve) => {
      this.#answers.set(id, (stats) => resolve(this.#withOwnDrops(stats)));
      this.#send({ type, id });
    });
  }

  #receive(report: TraceExportReport): void {
    switch (report.type) {
      case "answer": {
        const answer = this.#answers.get(report.id);
        this.#answers.delete(report.id);
        answer?.(report.stats);
        return;
      }
      case "dropped":
        this.#events.onDrop?.(report.count);
        return;
      case "failed":
        this.#events.onFailure?.(new Error(report.error), report.count);
        return;
      case "fault":
        this.#events.onFault?.(new Error(report.error));
        return;
      case "stopped":
        this.#onStopped(report.stats);
        return;
    }
  }

  #withOwnDrops(stats: ExportStats): ExportStats {
    return { ...stats, dropped: stats.dropped + this.#dropped };
  }

  #answerAll(stats: ExportStats): void {
    for (const answer of this.#answers.values()) answer(stats);
    this.#answers.clear();
  }

  #send(command: TraceExportCommand): void {
    this.#worker.postMessage(command);
  }
}
