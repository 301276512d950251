import { Value } from "@sinclair/typebox/value";
import { FlowError } from "../errors.ts";
import { ModelCatalog, ModelEntry } from "../schema/catalog.ts";

/** Each provider's entry schema: a union's defaults and errors are only precise per variant. */
const entrySchemas = new Map(
  ModelEntry.anyOf.map((schema) => [schema.properties.provider.const, schema]),
);

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Fills an entry's defaults and lists its problems, both against its own provider's schema. */
function parseEntry(name: string, input: unknown, problems: string[]): unknown {
  const path = `/models/${name}`;
  const schema = isObject(input) ? entrySchemas.get(input.provider as never) : undefined;
  if (!schema) {
    problems.push(`${path}/provider: must be one of ${[...entrySchemas.keys()].join(", ")}`);
    return input;
  }
  const filled = Value.Default(schema, structuredClone(input));
  for (const error of Value.Errors(schema, filled))
    problems.push(`${path}${error.path}: ${error.message}`);
  return filled;
}

/**
 * Checks a catalog document and fills its defaults, or throws a FlowError naming each
 * problem (at most ten), fallbacks to names the catalog lacks included.
 *
 * @example
 * parseModelCatalog({ models: { default: { provider: "vllm", fallbacks: ["local"] }, local: { provider: "local" } } })
 */
export function parseModelCatalog(input: unknown): ModelCatalog {
  const problems: string[] = [];
  const document = isObject(input) ? { ...input } : input;
  if (isObject(document) && isObject(document.models)) {
    document.models = Object.fromEntries(
      Object.entries(document.models).map(([name, entry]) => [
        name,
        parseEntry(name, entry, problems),
      ]),
    );
  }
  if (problems.length === 0) {
    for (const error of Value.Errors(ModelCatalog, document))
      problems.push(`${error.path || "/"}: ${error.message}`);
  }
  if (problems.length === 0) {
    const catalog = document as ModelCatalog;
    for (const [name, entry] of Object.entries(catalog.models)) {
      for (const [index, fallback] of (entry.fallbacks ?? []).entries()) {
        if (!(fallback in catalog.models)) {
          problems.push(`/models/${name}/fallbacks/${index}: '${fallback}' is not in the catalog`);
        }
      }
    }
  }
  if (problems.length > 0) {
    throw new FlowError(
      "invalid_catalog",
      `The model catalog is invalid:\n  ${problems.slice(0, 10).join("\n  ")}`,
    );
  }
  return document as ModelCatalog;
}
