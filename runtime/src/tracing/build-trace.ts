import { type LangfuseSpan, propagateAttributes, startObservation } from "@langfuse/tracing";
import { type SpanContext, SpanStatusCode, TraceFlags } from "@opentelemetry/api";
import type { TraceJob } from "./trace-job.ts";
import type { NodeTraceRecord, TraceChild, TurnTraceRecord } from "./turn-trace-record.ts";

/**
 * The parent span id of a trace's root, which gives the trace the id chosen for it (derived
 * from the turn id). Langfuse's documented way to choose a trace id: it is never exported.
 */
const PLACEHOLDER_PARENT = "0123456789abcdef";

/**
 * A recorded time as the span's time. OpenTelemetry takes epoch milliseconds with a fraction,
 * which keeps the order of what happened within a millisecond; the SDK's type only says Date.
 */
const at = (ms: number) => ms as unknown as Date;

function fail(span: LangfuseSpan, message: string): void {
  span.update({ level: "ERROR", statusMessage: message });
  span.otelSpan.setStatus({ code: SpanStatusCode.ERROR, message });
}

function buildChild(child: TraceChild, parentSpanContext: SpanContext): void {
  if (child.kind === "event") {
    startObservation(
      child.name,
      { input: child.input, output: child.output },
      { asType: "event", startTime: at(child.time), parentSpanContext },
    );
    return;
  }
  startObservation(
    child.name,
    {
      model: child.model,
      modelParameters: child.parameters as Record<string, string | number>,
      metadata: child.metadata,
      input: child.input,
      output: child.output,
      ...(child.usage ? { usageDetails: child.usage } : {}),
      ...(child.error ? { level: "ERROR" as const, statusMessage: child.error } : {}),
    },
    { asType: "generation", startTime: at(child.startTime), parentSpanContext },
  ).end(at(child.endTime));
}

function buildNode(node: NodeTraceRecord, turnEnd: number, parentSpanContext: SpanContext): void {
  const span = startObservation(
    node.nodeId,
    { input: node.input, metadata: { nodeType: node.nodeType } },
    { startTime: at(node.startTime), parentSpanContext },
  );
  const context = span.otelSpan.spanContext();
  for (const child of node.children) buildChild(child, context);
  if (node.error) fail(span, node.error);
  if (node.endTime === undefined) {
    // A node still open paused the turn: it waits for the user or a human agent.
    span.update({ metadata: { paused: true } }).end(at(turnEnd));
    return;
  }
  span
    .update({
      output: node.output,
      metadata: {
        route: node.route,
        durationMs: node.durationMs,
        // Every attempt in order: retries and fallbacks at a glance.
        ...(node.calls.length > 0 ? { modelCalls: node.calls } : {}),
      },
    })
    .end(at(node.endTime));
}

/**
 * One turn's observations: a root (the input in, the replies out), a span per node visited
 * with the state it started from and what it changed, a generation per model call (prompt,
 * completion, parameters, usage) under its node, and events for handoffs and human replies.
 */
function buildTurn(turn: TurnTraceRecord, parentSpanContext: SpanContext): void {
  const root = startObservation(
    turn.name,
    { input: turn.input },
    { startTime: at(turn.startTime), parentSpanContext },
  );
  const context = root.otelSpan.spanContext();
  for (const node of turn.nodes) buildNode(node, turn.endTime, context);
  for (const child of turn.children) buildChild(child, context);
  if (turn.outcome) {
    const { output, status, visited, problems } = turn.outcome;
    root.update({
      output,
      metadata: { status, visited },
      // The flow answered (with its fallback), but something in it failed.
      ...(problems.length > 0 ? { level: "WARNING", statusMessage: problems.join("; ") } : {}),
    });
  }
  if (turn.failure !== undefined) fail(root, turn.failure);
  root.end(at(turn.endTime));
}

/**
 * Builds a job's trace with Langfuse's SDK, every observation at its recorded times, under the
 * trace's id and attributes. Runs in the export worker, so the turns' thread never builds spans.
 *
 * @example
 * buildTrace({ type: "turn", traceId, attributes, turn: recorder.end(result) });
 */
export function buildTrace(job: TraceJob): void {
  const parent: SpanContext = {
    traceId: job.traceId,
    spanId: PLACEHOLDER_PARENT,
    traceFlags: TraceFlags.SAMPLED,
  };
  propagateAttributes(job.attributes, () => {
    if (job.type === "turn") return buildTurn(job.turn, parent);
    const root = startObservation(
      job.name,
      { input: job.input, output: job.output },
      { startTime: at(job.startTime), parentSpanContext: parent },
    );
    for (const turn of job.turns) buildTurn(turn, root.otelSpan.spanContext());
    if (job.failure !== undefined) root.update({ level: "ERROR", statusMessage: job.failure });
    root.end(at(job.endTime));
  });
}
