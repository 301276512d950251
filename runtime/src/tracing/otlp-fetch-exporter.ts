import { OTLPExporterBase } from "@opentelemetry/otlp-exporter-base";
import { createLegacyOtlpBrowserExportDelegate } from "@opentelemetry/otlp-exporter-base/browser-http";
import { JsonTraceSerializer, TraceExporterMetricsHelper } from "@opentelemetry/otlp-transformer";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-base";

export interface OtlpFetchExporterOptions {
  /** The full OTLP/HTTP traces endpoint. */
  url: string;
  headers: Record<string, string>;
  timeoutMillis: number;
}

/**
 * OpenTelemetry's OTLP/HTTP JSON span exporter on `fetch`: the same serializer, retrying transport
 * and request as `@opentelemetry/exporter-trace-otlp-http`'s browser build. Its Node build sends
 * through `node:http`, whose emulation under Bun cost the server's main thread more per traced
 * turn (sockets, header parsing) than building and serializing the spans did.
 *
 * @example
 * const exporter = createOtlpFetchExporter({ url: `${baseUrl}/api/public/otel/v1/traces`, headers, timeoutMillis: 5_000 });
 */
export function createOtlpFetchExporter(options: OtlpFetchExporterOptions): SpanExporter {
  return new OTLPExporterBase<ReadableSpan[]>(
    createLegacyOtlpBrowserExportDelegate(
      options,
      JsonTraceSerializer,
      "otlp_http_span_exporter",
      TraceExporterMetricsHelper,
      undefined,
      "v1/traces",
      { "Content-Type": "application/json" },
    ),
  );
}
