import { Expression, ModelName, Template } from "@switchboard/engine/schema";

/** The parts of a JSON Schema (as TypeBox builds it) that the forms read. */
export interface JsonSchema {
  type?: string;
  description?: string;
  default?: unknown;
  const?: unknown;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  patternProperties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
}

/** How the inspector edits a value, derived from its schema. */
export type FieldSpec =
  | { kind: "text"; multiline: boolean; hint?: "template" | "expression"; placeholder?: string }
  | { kind: "number"; integer: boolean; minimum?: number; maximum?: number }
  | { kind: "boolean" }
  | { kind: "select"; options: string[] }
  /** A name the flow or the runtime knows: a catalog model, or one of the flow's knowledge bases. */
  | { kind: "pick"; of: PickList }
  /** A classify node's intents: the intents table. */
  | { kind: "intents" }
  | { kind: "list"; item: FieldSpec; itemSchema: JsonSchema; minItems?: number; maxItems?: number }
  | { kind: "object"; fields: ObjectField[] }
  | { kind: "record"; value: FieldSpec }
  | { kind: "json" };

export interface ObjectField {
  key: string;
  label: string;
  required: boolean;
  description?: string;
  schema: JsonSchema;
  spec: FieldSpec;
}

const LONG_TEXT = new Set(["description", "instructions"]);

/** The lists of names a `pick` field offers. */
export type PickList = "model" | "knowledge";

/**
 * Which names a string field picks from: node's `model` (the catalog's, by its schema), the
 * flow's `models` (the same), and a node's `knowledge` (the flow's knowledge bases' ids).
 */
function pickListOf(schema: JsonSchema, key: string): PickList | undefined {
  if (schema.description === ModelName.description || key === "models") return "model";
  if (key === "knowledge") return "knowledge";
  return undefined;
}

/**
 * The form for a schema: text, numbers, selects for unions of literals, lists (of objects or of
 * strings), nested objects, key/value records, and JSON for values of any type.
 *
 * @example
 * fieldSpec(nodeDefinitions.faq.config) // { kind: "object", fields: [{ key: "knowledge", … }, …] }
 */
export function fieldSpec(schema: JsonSchema, key = ""): FieldSpec {
  const choices = schema.anyOf?.map((option) => option.const);
  if (choices?.length && choices.every((c) => typeof c === "string"))
    return { kind: "select", options: choices as string[] };
  switch (schema.type) {
    case "string": {
      const of = pickListOf(schema, key);
      if (of) return { kind: "pick", of };
      const hint =
        schema.description === Template.description
          ? "template"
          : schema.description === Expression.description
            ? "expression"
            : undefined;
      return { kind: "text", multiline: hint === "template" || LONG_TEXT.has(key), hint };
    }
    case "number":
    case "integer":
      return {
        kind: "number",
        integer: schema.type === "integer",
        minimum: schema.minimum,
        maximum: schema.maximum,
      };
    case "boolean":
      return { kind: "boolean" };
    case "array": {
      const itemSchema = schema.items ?? {};
      if (key === "intents" && itemSchema.properties?.examples) return { kind: "intents" };
      return {
        kind: "list",
        item: fieldSpec(itemSchema, key),
        itemSchema,
        minItems: schema.minItems,
        maxItems: schema.maxItems,
      };
    }
    case "object": {
      const pattern = Object.values(schema.patternProperties ?? {})[0];
      if (pattern && !schema.properties) return { kind: "record", value: fieldSpec(pattern) };
      return { kind: "object", fields: objectFields(schema) };
    }
    default:
      return { kind: "json" };
  }
}

function objectFields(schema: JsonSchema): ObjectField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([key, property]) => ({
    key,
    label: labelOf(key),
    required: required.has(key),
    description: property.description,
    schema: property,
    spec: fieldSpec(property, key),
  }));
}

/** A property name as a label: `maxTokens` → "Max tokens", `timeoutMs` → "Timeout (ms)". */
export function labelOf(key: string): string {
  const words = key
    .replace(/Ms$/, " (ms)")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replaceAll("_", " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A value for a new list item: the schema's default, else an empty value of its kind. */
export function emptyValue(schema: JsonSchema): unknown {
  if (schema.default !== undefined) return structuredClone(schema.default);
  const spec = fieldSpec(schema);
  switch (spec.kind) {
    case "text":
      return "";
    case "number":
      return spec.minimum ?? 0;
    case "boolean":
      return false;
    case "select":
      return spec.options[0];
    case "list":
      return [];
    case "record":
      return {};
    case "json":
      return null;
    case "object":
      return Object.fromEntries(
        spec.fields.filter((f) => f.required).map((f) => [f.key, emptyValue(f.schema)]),
      );
  }
}
