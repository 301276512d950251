import { type ValueError, ValueErrorType } from "@sinclair/typebox/value";
import type { FlowProblem } from "../errors.ts";

/** What a path names, as a flow author would say it: `"threshold"`, `item 2 of "intents"`. */
function subject(path: string): string {
  const segments = path.split("/").slice(1);
  const last = segments.at(-1);
  if (last === undefined) return "the flow";
  if (/^\d+$/.test(last)) return `item ${last} of "${segments.at(-2) ?? ""}"`;
  return `"${last.replaceAll("~1", "/").replaceAll("~0", "~")}"`;
}

/** A wrong value as a flow author would write it: short scalars verbatim, containers by kind. */
function shown(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value !== null && typeof value === "object") return "an object";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

const expectedTypes: Partial<Record<ValueErrorType, string>> = {
  [ValueErrorType.String]: "a string",
  [ValueErrorType.Number]: "a number",
  [ValueErrorType.Integer]: "a whole number",
  [ValueErrorType.Boolean]: "true or false",
  [ValueErrorType.Array]: "a list",
  [ValueErrorType.Object]: "an object",
};

const plural = (count: unknown, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** The allowed values of a union of literals, e.g. `"GET", "POST"`, else undefined. */
function literalChoices(error: ValueError): string | undefined {
  const options: unknown[] = error.schema.anyOf ?? [];
  const values = options.map((option) => (option as { const?: unknown }).const);
  return values.every((value) => value !== undefined)
    ? values.map((v) => JSON.stringify(v)).join(", ")
    : undefined;
}

function describe(error: ValueError, what: string): string {
  const { schema } = error;
  const expected = expectedTypes[error.type];
  if (expected) return `${what} must be ${expected}, not ${shown(error.value)}`;
  switch (error.type) {
    case ValueErrorType.ObjectAdditionalProperties:
      return `${what} is not a known property here`;
    case ValueErrorType.StringMinLength:
      return schema.minLength === 1
        ? `${what} must not be empty`
        : `${what} must have at least ${plural(schema.minLength, "character")}`;
    case ValueErrorType.StringMaxLength:
      return `${what} must have at most ${plural(schema.maxLength, "character")}`;
    case ValueErrorType.StringPattern:
      return `${what} must match ${schema.pattern}${schema.description ? ` (${schema.description})` : ""}`;
    case ValueErrorType.ArrayMinItems:
      return `${what} must have at least ${plural(schema.minItems, "item")}`;
    case ValueErrorType.ArrayMaxItems:
      return `${what} must have at most ${plural(schema.maxItems, "item")}`;
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.IntegerMinimum:
      return `${what} must be at least ${schema.minimum}`;
    case ValueErrorType.NumberMaximum:
    case ValueErrorType.IntegerMaximum:
      return `${what} must be at most ${schema.maximum}`;
    case ValueErrorType.Literal:
      return `${what} must be ${JSON.stringify(schema.const)}`;
    case ValueErrorType.Union: {
      const choices = literalChoices(error);
      return choices
        ? `${what} must be one of ${choices}`
        : `${what} does not match any allowed form`;
    }
    default:
      return `${what}: ${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}`;
  }
}

/**
 * Turns TypeBox errors into problems a flow author can act on: the first error per location,
 * a missing property reported on the object that lacks it, and `prefix` added to each path.
 */
export function describeSchemaErrors(
  errors: Iterable<ValueError>,
  prefix: string,
  nodeId?: string,
): FlowProblem[] {
  const seen = new Set<string>();
  const problems: FlowProblem[] = [];
  for (const error of errors) {
    if (seen.has(error.path)) continue;
    seen.add(error.path);
    const what = subject(error.path);
    const missing = error.type === ValueErrorType.ObjectRequiredProperty;
    const path = `${prefix}${missing ? error.path.slice(0, error.path.lastIndexOf("/")) : error.path}`;
    const message = missing ? `missing the required property ${what}` : describe(error, what);
    problems.push({
      path,
      ...(nodeId === undefined ? {} : { nodeId }),
      message: `${message.charAt(0).toUpperCase()}${message.slice(1)}.`,
    });
  }
  return problems;
}
