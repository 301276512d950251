import { type ExportResult, ExportResultCode } from "@opentelemetry/core";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-base";

/** The limits of the buffer, named as OpenTelemetry's BatchSpanProcessor names them. */
export interface BufferLimits {
  maxQueueSize: number;
  maxExportBatchSize: number;
  scheduledDelayMillis: number;
  exportTimeoutMillis: number;
}

/** What happened to the spans handed to the buffer so far. */
export interface ExportStats {
  /** Waiting to be sent. */
  buffered: number;
  /** Pushed out of a full buffer, oldest first, while the endpoint was slow or down. */
  dropped: number;
  exported: number;
  /** Sent in a request that failed or timed out. */
  failed: number;
}

export interface BufferOptions {
  /** Told of spans dropped from the full buffer. */
  onDrop?: (count: number) => void;
  /** Told of a batch whose request failed. */
  onFailure?: (error: Error, count: number) => void;
}

class ExportTimeoutError extends Error {
  override readonly name = "ExportTimeoutError";
}

/**
 * A span exporter that takes spans at once into a bounded buffer and sends them in batches, one
 * request at a time, to `target`. When the endpoint is slow or down the buffer fills and the
 * oldest spans are dropped and counted — unlike OpenTelemetry's BatchSpanProcessor, which drops
 * the newest without a count anyone can read. Nothing here waits on the network for a caller.
 *
 * @example
 * const buffer = new BufferedSpanExporter(new OTLPTraceExporter({ url }), limits);
 * buffer.stats // { buffered: 0, dropped: 0, exported: 0, failed: 0 }
 */
export class BufferedSpanExporter implements SpanExporter {
  readonly #target: SpanExporter;
  readonly #limits: BufferLimits;
  readonly #options: BufferOptions;
  #queue: ReadableSpan[] = [];
  #sending: Promise<void> | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerIsImmediate = false;
  #closed = false;
  readonly #counts = { dropped: 0, exported: 0, failed: 0 };

  constructor(target: SpanExporter, limits: BufferLimits, options: BufferOptions = {}) {
    this.#target = target;
    this.#limits = limits;
    this.#options = options;
  }

  get stats(): ExportStats {
    return { buffered: this.#queue.length, ...this.#counts };
  }

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    if (this.#closed) {
      done({ code: ExportResultCode.FAILED, error: new Error("The span buffer is shut down.") });
      return;
    }
    this.#queue.push(...spans);
    const excess = this.#queue.length - this.#limits.maxQueueSize;
    if (excess > 0) {
      this.#queue.splice(0, excess);
      this.#counts.dropped += excess;
      this.#options.onDrop?.(excess);
    }
    done({ code: ExportResultCode.SUCCESS });
    this.#schedule();
  }

  /** Sends everything buffered, batch after batch; each batch is bounded by the export timeout. */
  async forceFlush(): Promise<void> {
    while (this.#sending || this.#queue.length > 0) {
      this.#clearTimer();
      await (this.#sending ?? this.#sendBatch());
    }
  }

  /**
   * Takes no more spans and sends what is buffered for up to one export timeout; what is left
   * then counts as dropped, so a dead endpoint can't hold a shutdown batch after batch.
   */
  async shutdown(): Promise<void> {
    this.#closed = true;
    const deadline = Date.now() + this.#limits.exportTimeoutMillis;
    while ((this.#sending || this.#queue.length > 0) && Date.now() < deadline) {
      this.#clearTimer();
      await (this.#sending ?? this.#sendBatch());
    }
    this.#clearTimer();
    this.#counts.dropped += this.#queue.length;
    this.#queue = [];
    await this.#target.shutdown();
  }

  #schedule(): void {
    if (this.#sending || this.#queue.length === 0) return;
    const full = this.#queue.length >= this.#limits.maxExportBatchSize;
    // A timer already due at once stays: re-arming it on every span would starve it under load.
    if (this.#timer && (this.#timerIsImmediate || !full)) return;
    this.#clearTimer();
    // Even a full batch waits for a timer tick, so it is never serialized inside a turn.
    this.#timerIsImmediate = full;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        if (!this.#sending) void this.#sendBatch();
      },
      full ? 0 : this.#limits.scheduledDelayMillis,
    );
    this.#timer.unref?.();
  }

  #clearTimer(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #sendBatch(): Promise<void> {
    const batch = this.#queue.splice(0, this.#limits.maxExportBatchSize);
    const sending = this.#exportBatch(batch).finally(() => {
      this.#sending = null;
      this.#schedule();
    });
    this.#sending = sending;
    return sending;
  }

  async #exportBatch(batch: ReadableSpan[]): Promise<void> {
    if (batch.length === 0) return;
    const { onFailure } = this.#options;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const result = await new Promise<ExportResult>((resolve) => {
        timer = setTimeout(
          () =>
            resolve({
              code: ExportResultCode.FAILED,
              error: new ExportTimeoutError(
                `no answer within ${this.#limits.exportTimeoutMillis} ms`,
              ),
            }),
          this.#limits.exportTimeoutMillis,
        );
        this.#target.export(batch, resolve);
      });
      if (result.code !== ExportResultCode.SUCCESS)
        throw result.error ?? new Error("the export failed");
      this.#counts.exported += batch.length;
    } catch (error) {
      this.#counts.failed += batch.length;
      onFailure?.(error instanceof Error ? error : new Error(String(error)), batch.length);
    } finally {
      clearTimeout(timer);
    }
  }
}
