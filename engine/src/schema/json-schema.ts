import type { TSchema } from "@sinclair/typebox";
import { Flow } from "./flow.ts";
import { SimulationFile } from "./simulation.ts";

const DRAFT_07 = "http://json-schema.org/draft-07/schema#";

type JsonSchema = { [key: string]: unknown };

/**
 * The validator fills defaults before it checks, so a property with a default may be left
 * out: the editor schema must not call it required (TypeBox does, the property not being
 * `Optional`).
 */
function withoutRequiredDefaults(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutRequiredDefaults);
  if (value === null || typeof value !== "object") return value;
  const schema: JsonSchema = Object.fromEntries(
    Object.entries(value).map(([key, child]) => [key, withoutRequiredDefaults(child)]),
  );
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  if (Array.isArray(schema.required)) {
    const required = schema.required.filter(
      (key: string) => properties[key]?.default === undefined,
    );
    if (required.length > 0) schema.required = required;
    else delete schema.required;
  }
  return schema;
}

/** TypeBox schemas are JSON Schema already; JSON.stringify drops TypeBox's symbol keys. */
function render(schema: TSchema): string {
  const json = withoutRequiredDefaults(JSON.parse(JSON.stringify(schema))) as JsonSchema;
  return `${JSON.stringify({ $schema: DRAFT_07, ...json }, null, 2)}\n`;
}

/**
 * The JSON Schema files editors use to check and complete flow and simulation files, by file
 * name. `bun run schema` writes them to flows/; a test keeps them in step with the schema.
 *
 * @example
 * const text = renderFlowSchemas()["flow.schema.json"];
 */
export function renderFlowSchemas(): Record<string, string> {
  return {
    "flow.schema.json": render(Flow),
    "simulation.schema.json": render(SimulationFile),
  };
}
