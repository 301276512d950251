import { describe, expect, it } from "bun:test";
import { context, SpanKind, SpanStatusCode, TraceFlags, trace } from "@opentelemetry/api";
import { TraceState } from "@opentelemetry/core";
import { JsonTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { fromSpanMessage, toSpanMessage } from "../../../runtime/src/tracing/span-message.ts";

describe("a span sent to the export worker", () => {
  it("makes the same OTLP request there as the span itself makes here", async () => {
    const memory = new InMemorySpanExporter();
    const resource = resourceFromAttributes({ "service.name": "switchboard" });
    const provider = new BasicTracerProvider({
      resource,
      spanProcessors: [new SimpleSpanProcessor(memory)],
    });
    const linked = {
      traceId: "0af7651916cd43dd8448eb211c80319c",
      spanId: "b7ad6b7169203331",
      traceFlags: TraceFlags.SAMPLED,
      traceState: new TraceState("vendor=value"),
      isRemote: true,
    };
    const parent = trace.setSpanContext(context.active(), linked);
    const span = provider.getTracer("langfuse-sdk", "5.11.1").startSpan(
      "answer",
      {
        kind: SpanKind.INTERNAL,
        attributes: { "langfuse.observation.input": '{"text":"hi"}', tags: ["a", "b"], n: 3 },
        links: [{ context: linked, attributes: { why: "retry" } }],
      },
      parent,
    );
    span.addEvent("handoff requested", { queue: "sales" });
    span.setStatus({ code: SpanStatusCode.ERROR, message: "model_failed: timeout" });
    span.end();
    await provider.forceFlush();
    const [original] = memory.getFinishedSpans();
    if (!original) throw new Error("the span was not exported");

    const received = fromSpanMessage(structuredClone(toSpanMessage(original)), resource);
    const request = (spans: (typeof original)[]) =>
      new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans));
    expect(request([received])).toBe(request([original]));
    expect(request([received])).toContain("vendor=value");
  });
});
