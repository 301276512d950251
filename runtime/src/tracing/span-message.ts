import type {
  Attributes,
  HrTime,
  Link,
  SpanContext,
  SpanKind,
  SpanStatus,
} from "@opentelemetry/api";
import { TraceState } from "@opentelemetry/core";
import type { Resource } from "@opentelemetry/resources";
import type { ReadableSpan, TimedEvent } from "@opentelemetry/sdk-trace-base";

/** A span context as plain data: its trace state serialized. */
interface ContextMessage {
  traceId: string;
  spanId: string;
  traceFlags: number;
  isRemote?: boolean;
  traceState?: string;
}

/**
 * An ended span as plain data, for `postMessage`: what OTLP export reads of a ReadableSpan,
 * without its methods and class instances. The resource is left out: a process has one, which
 * the receiving side supplies.
 */
export interface SpanMessage {
  name: string;
  kind: SpanKind;
  context: ContextMessage;
  parentContext?: ContextMessage;
  startTime: HrTime;
  endTime: HrTime;
  duration: HrTime;
  status: SpanStatus;
  attributes: Attributes;
  links: (Omit<Link, "context"> & { context: ContextMessage })[];
  events: TimedEvent[];
  instrumentationScope: ReadableSpan["instrumentationScope"];
  droppedAttributesCount: number;
  droppedEventsCount: number;
  droppedLinksCount: number;
}

function contextMessage(context: SpanContext): ContextMessage {
  const { traceState, ...plain } = context;
  return traceState ? { ...plain, traceState: traceState.serialize() } : plain;
}

function spanContext({ traceState, ...plain }: ContextMessage): SpanContext {
  return traceState ? { ...plain, traceState: new TraceState(traceState) } : plain;
}

/** The span as plain data. */
export function toSpanMessage(span: ReadableSpan): SpanMessage {
  const parent = span.parentSpanContext;
  return {
    name: span.name,
    kind: span.kind,
    context: contextMessage(span.spanContext()),
    ...(parent ? { parentContext: contextMessage(parent) } : {}),
    startTime: span.startTime,
    endTime: span.endTime,
    duration: span.duration,
    status: span.status,
    attributes: span.attributes,
    links: span.links.map((link) => ({ ...link, context: contextMessage(link.context) })),
    events: span.events,
    instrumentationScope: span.instrumentationScope,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}

/** The span again, as exporters read it, under `resource`. */
export function fromSpanMessage(message: SpanMessage, resource: Resource): ReadableSpan {
  const { context, parentContext, links, ...fields } = message;
  const ownContext = spanContext(context);
  return {
    ...fields,
    spanContext: () => ownContext,
    ...(parentContext ? { parentSpanContext: spanContext(parentContext) } : {}),
    links: links.map((link) => ({ ...link, context: spanContext(link.context) })),
    ended: true,
    resource,
  };
}
