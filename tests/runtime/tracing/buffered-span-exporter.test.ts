import { describe, expect, it } from "bun:test";
import {
  BufferedSpanExporter,
  type BufferLimits,
} from "../../../runtime/src/tracing/buffered-span-exporter.ts";

type Exporter = ConstructorParameters<typeof BufferedSpanExporter>[0];
type Span = Parameters<Exporter["export"]>[0][number];
type Result = Parameters<Parameters<Exporter["export"]>[1]>[0];

const SUCCESS = { code: 0 } as Result;
const FAILED = { code: 1, error: new Error("503 Service Unavailable") } as Result;

/** A target exporter answering as told: at once, never, or with a failure. */
function target(answer: "ok" | "hang" | "fail" = "ok") {
  const batches: string[][] = [];
  const exporter: Exporter & { batches: string[][]; answer: typeof answer; shutDown: boolean } = {
    batches,
    answer,
    shutDown: false,
    export(spans, done) {
      batches.push(spans.map((span) => span.name));
      if (this.answer === "ok") done(SUCCESS);
      if (this.answer === "fail") done(FAILED);
    },
    async shutdown() {
      this.shutDown = true;
    },
  };
  return exporter;
}

const spans = (...names: string[]) => names.map((name) => ({ name }) as Span);

const limits: BufferLimits = {
  maxQueueSize: 4,
  maxExportBatchSize: 2,
  scheduledDelayMillis: 10_000,
  exportTimeoutMillis: 50,
};

function accept(buffer: BufferedSpanExporter, names: string[]): Result[] {
  const results: Result[] = [];
  buffer.export(spans(...names), (result) => results.push(result));
  return results;
}

describe("BufferedSpanExporter", () => {
  it("takes spans at once and sends them in batches of the batch size", async () => {
    const sink = target();
    const buffer = new BufferedSpanExporter(sink, limits);
    expect(accept(buffer, ["a", "b", "c"])).toEqual([SUCCESS]);
    await buffer.forceFlush();
    expect(sink.batches).toEqual([["a", "b"], ["c"]]);
    expect(buffer.stats).toEqual({ buffered: 0, dropped: 0, exported: 3, failed: 0 });
  });

  it("sends a full batch without waiting for the schedule", async () => {
    const sink = target();
    const buffer = new BufferedSpanExporter(sink, limits);
    accept(buffer, ["a", "b"]);
    expect(sink.batches).toEqual([]);
    await Bun.sleep(5);
    expect(sink.batches).toEqual([["a", "b"]]);
  });

  it("drops the oldest spans past the queue size, and counts them", async () => {
    const sink = target("hang");
    const drops: number[] = [];
    const buffer = new BufferedSpanExporter(sink, limits, { onDrop: (n) => drops.push(n) });
    accept(buffer, ["a", "b"]);
    await Bun.sleep(5); // a, b are in flight, and hang
    accept(buffer, ["c", "d", "e"]);
    accept(buffer, ["f", "g"]);
    expect(buffer.stats).toEqual({ buffered: 4, dropped: 1, exported: 0, failed: 0 });
    expect(drops).toEqual([1]);
    sink.answer = "ok";
    await buffer.forceFlush();
    expect(sink.batches).toEqual([
      ["a", "b"],
      ["d", "e"],
      ["f", "g"],
    ]);
    expect(buffer.stats).toEqual({ buffered: 0, dropped: 1, exported: 4, failed: 2 });
  });

  it("counts a batch that fails or times out as failed and goes on with the next", async () => {
    const sink = target("fail");
    const failures: string[] = [];
    const buffer = new BufferedSpanExporter(sink, limits, {
      onFailure: (error, count) => failures.push(`${count}: ${error.message}`),
    });
    accept(buffer, ["a", "b", "c"]);
    await buffer.forceFlush();
    sink.answer = "hang";
    accept(buffer, ["d"]);
    await buffer.forceFlush();
    expect(failures).toEqual([
      "2: 503 Service Unavailable",
      "1: 503 Service Unavailable",
      "1: no answer within 50 ms",
    ]);
    expect(buffer.stats).toMatchObject({ failed: 4, exported: 0 });
  });

  it("on shutdown sends what it holds for one export timeout at most, then drops the rest", async () => {
    const sink = target("hang");
    const buffer = new BufferedSpanExporter(sink, { ...limits, maxExportBatchSize: 1 });
    accept(buffer, ["a", "b", "c"]);
    const started = performance.now();
    await buffer.shutdown();
    expect(performance.now() - started).toBeLessThan(500);
    expect(buffer.stats).toMatchObject({ buffered: 0, exported: 0 });
    expect(buffer.stats.failed + buffer.stats.dropped).toBe(3);
    expect(sink.shutDown).toBe(true);
    expect(accept(buffer, ["late"])[0]?.code).toBe(1);
  });
});
