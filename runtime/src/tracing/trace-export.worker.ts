/**
 * The worker of `WorkerTraceExporter`: drains the trace ring the turns' thread writes finished
 * traces into, builds each with Langfuse's SDK (spans at their recorded times), and exports them
 * through Langfuse's span processor into a bounded buffer, redacted, over OTLP/HTTP.
 */
import { LangfuseSpanProcessor } from "@langfuse/otel";
import { setLangfuseTracerProvider } from "@langfuse/tracing";
import { type Attributes, context } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import {
  BufferedSpanExporter,
  type BufferLimits,
  type ExportStats,
} from "./buffered-span-exporter.ts";
import { buildTrace } from "./build-trace.ts";
import { createOtlpFetchExporter, type OtlpFetchExporterOptions } from "./otlp-fetch-exporter.ts";
import { redactSpan } from "./redact-span.ts";
import { createRedactor, type Redactor } from "./redactor.ts";
import type { TraceJob } from "./trace-job.ts";
import { TraceRing } from "./trace-ring.ts";
import type { MaskKind } from "./tracing-config.ts";

declare const self: Worker;

export type TraceExportCommand =
  | {
      type: "start";
      otlp: OtlpFetchExporterOptions;
      resource: Attributes;
      /** The environment whose secrets are redacted, and what else to mask. */
      env: Record<string, string | undefined>;
      mask: MaskKind[];
      environment: string;
      release?: string;
      limits: BufferLimits;
      /** A `TraceRing`'s buffer, into which the turns' thread writes each `TraceJob` as JSON. */
      ring: SharedArrayBuffer;
    }
  /** Answered once everything written before it is built and what is buffered is sent. */
  | { type: "flush"; id: number }
  /** Answered with the stats once everything written before it is built. */
  | { type: "stats"; id: number }
  | { type: "shutdown" };

export type TraceExportReport =
  | { type: "answer"; id: number; stats: ExportStats }
  | { type: "dropped"; count: number }
  | { type: "failed"; error: string; count: number }
  | { type: "stopped"; stats: ExportStats }
  | { type: "fault"; error: string };

const report = (message: TraceExportReport) => postMessage(message);

/** Redacts each span as it is exported: spans dropped from a full buffer cost no redaction. */
function redacting(target: SpanExporter, redactor: Redactor): SpanExporter {
  return {
    export: (spans, done) =>
      target.export(
        spans.map((span) => redactSpan(span, redactor)),
        done,
      ),
    shutdown: () => target.shutdown(),
  };
}

/** How often the worker looks for new traces in the ring: their delay, not the turns'. */
const DRAIN_INTERVAL_MS = 20;

let started:
  | {
      provider: BasicTracerProvider;
      buffer: BufferedSpanExporter;
      ring: TraceRing;
    }
  | undefined;

/** Builds every trace written to the ring so far, in order. */
function drain(): void {
  if (!started) return;
  for (const json of started.ring.readAll()) {
    try {
      buildTrace(JSON.parse(json) as TraceJob);
    } catch (error) {
      // This trace is lost and said so; the worker goes on with the next.
      report({ type: "fault", error: (error as Error).message ?? String(error) });
    }
  }
}

self.onmessage = async ({ data: command }: MessageEvent<TraceExportCommand>) => {
  switch (command.type) {
    case "start": {
      const redactor = createRedactor({ env: command.env, mask: command.mask });
      const buffer = new BufferedSpanExporter(
        redacting(createOtlpFetchExporter(command.otlp), redactor),
        command.limits,
        {
          onDrop: (count) => report({ type: "dropped", count }),
          onFailure: (error, count) =>
            report({ type: "failed", error: redactor.text(error.message), count }),
        },
      );
      // "immediate" hands each span to the buffer as it ends; the buffer does the batching,
      // with drop-oldest limits the processor's own BatchSpanProcessor doesn't offer.
      const processor = new LangfuseSpanProcessor({
        exporter: buffer,
        exportMode: "immediate",
        environment: command.environment,
        release: command.release,
        mediaUploadEnabled: false,
      });
      const provider = new BasicTracerProvider({
        resource: resourceFromAttributes(command.resource),
        spanProcessors: [processor],
      });
      // Propagated attributes travel in the OpenTelemetry context, which needs a manager.
      context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
      setLangfuseTracerProvider(provider);
      started = { provider, buffer, ring: new TraceRing(command.ring) };
      setInterval(drain, DRAIN_INTERVAL_MS);
      return;
    }
    case "flush":
      drain();
      await started?.provider.forceFlush();
      return report({ type: "answer", id: command.id, stats: statsNow() });
    case "stats":
      drain();
      // The processor hands ended spans to the buffer a few promises later: let them settle.
      await new Promise((resolve) => setTimeout(resolve, 0));
      return report({ type: "answer", id: command.id, stats: statsNow() });
    case "shutdown":
      drain();
      await started?.provider.shutdown();
      return report({ type: "stopped", stats: statsNow() });
  }
};

function statsNow(): ExportStats {
  return started?.buffer.stats ?? { buffered: 0, dropped: 0, exported: 0, failed: 0 };
}
