import type { Attributes, AttributeValue } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import type { Redactor } from "./redactor.ts";

/** Attributes holding identifiers, which masking turns into pseudonyms rather than placeholders. */
const ID_KEYS = new Set(["user.id", "session.id", "langfuse.user.id", "langfuse.session.id"]);

function redactValue(value: AttributeValue, redact: (text: string) => string): AttributeValue {
  if (typeof value === "string") return redact(value);
  if (Array.isArray(value))
    return value.map((item) => (typeof item === "string" ? redact(item) : item)) as AttributeValue;
  return value;
}

function redactAttributes(attributes: Attributes, redactor: Redactor): Attributes {
  const result: Attributes = {};
  // for…in rather than Object.entries: this runs for every attribute of every exported span.
  for (const key in attributes) {
    const value = attributes[key];
    if (value === undefined) continue;
    result[key] = redactValue(value, ID_KEYS.has(key) ? redactor.id : redactor.text);
  }
  return result;
}

/**
 * The span as it may leave the server: every string in its attributes, events and status
 * redacted. A view over the span (it is left untouched), built when the span is exported, so
 * spans dropped from a full buffer cost no redaction.
 *
 * @example
 * exporter.export(spans.map((span) => redactSpan(span, redactor)), done);
 */
export function redactSpan(span: ReadableSpan, redactor: Redactor): ReadableSpan {
  const view: ReadableSpan = Object.create(span, {
    attributes: { value: redactAttributes(span.attributes, redactor) },
    status: {
      value:
        span.status.message === undefined
          ? span.status
          : { ...span.status, message: redactor.text(span.status.message) },
    },
    events: {
      value: span.events.map((event) =>
        event.attributes
          ? { ...event, attributes: redactAttributes(event.attributes, redactor) }
          : event,
      ),
    },
  });
  return view;
}
