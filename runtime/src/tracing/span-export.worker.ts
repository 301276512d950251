/**
 * The worker of `WorkerSpanExporter`: redacts the spans it is sent, turns them into an OTLP/HTTP
 * JSON request and sends it, then reports how that went: serializing the request was the largest
 * single cost of tracing on the thread that runs turns.
 */
import type { Attributes } from "@opentelemetry/api";
import { ExportResultCode } from "@opentelemetry/core";
import { type Resource, resourceFromAttributes } from "@opentelemetry/resources";
import type { SpanExporter } from "@opentelemetry/sdk-trace-base";
import { createOtlpFetchExporter, type OtlpFetchExporterOptions } from "./otlp-fetch-exporter.ts";
import { redactSpan } from "./redact-span.ts";
import { createRedactor, type Redactor } from "./redactor.ts";
import { fromSpanMessage, type SpanMessage } from "./span-message.ts";
import type { MaskKind } from "./tracing-config.ts";

declare const self: Worker;

export type SpanExportCommand =
  | {
      type: "start";
      otlp: OtlpFetchExporterOptions;
      resource: Attributes;
      /** The environment whose secrets are redacted, and what else to mask. */
      env: Record<string, string | undefined>;
      mask: MaskKind[];
    }
  | { type: "export"; id: number; spans: SpanMessage[] }
  | { type: "shutdown" };

export type SpanExportReport =
  | { type: "exported"; id: number; error?: string }
  | { type: "stopped" };

const report = (message: SpanExportReport) => postMessage(message);

let started: { exporter: SpanExporter; resource: Resource; redactor: Redactor } | undefined;

self.onmessage = async ({ data: command }: MessageEvent<SpanExportCommand>) => {
  switch (command.type) {
    case "start":
      started = {
        exporter: createOtlpFetchExporter(command.otlp),
        resource: resourceFromAttributes(command.resource),
        redactor: createRedactor({ env: command.env, mask: command.mask }),
      };
      return;
    case "export": {
      const { id } = command;
      const current = started;
      if (!current)
        return report({ type: "exported", id, error: "the span exporter was not started" });
      try {
        const spans = command.spans.map((span) =>
          redactSpan(fromSpanMessage(span, current.resource), current.redactor),
        );
        current.exporter.export(spans, (result) =>
          report(
            result.code === ExportResultCode.SUCCESS
              ? { type: "exported", id }
              : { type: "exported", id, error: result.error?.message ?? "the export failed" },
          ),
        );
      } catch (error) {
        // This batch fails and is counted; the worker goes on with the next.
        report({ type: "exported", id, error: (error as Error).message ?? String(error) });
      }
      return;
    }
    case "shutdown":
      await started?.exporter.shutdown();
      return report({ type: "stopped" });
  }
};
