import { Value } from "@sinclair/typebox/value";
import { FlowError } from "../errors.ts";
import { ModelCatalog, type ModelEntry } from "../schema/catalog.ts";
import type { FlowModel, ModelProvider } from "./model.ts";
import { modelProviders } from "./providers/index.ts";

/** The catalog used when none is configured: everything answers with the embedded model. */
export const defaultCatalog: ModelCatalog = {
  models: { default: { provider: "local" }, local: { provider: "local" } },
};

/** The models of a catalog, built once and looked up by name. */
export interface ModelRegistry {
  readonly names: string[];
  get(name: string): FlowModel;
  /** The model and its fallbacks, in the order to try them. */
  chain(name: string): FlowModel[];
}

/** Checks a catalog document and fills its defaults, or throws a FlowError naming each problem. */
export function parseModelCatalog(input: unknown): ModelCatalog {
  const filled = Value.Default(ModelCatalog, structuredClone(input));
  const errors = [...Value.Errors(ModelCatalog, filled)];
  if (errors.length > 0) {
    const lines = errors.slice(0, 10).map((e) => `${e.path || "/"}: ${e.message}`);
    throw new FlowError("invalid_catalog", `The model catalog is invalid:\n  ${lines.join("\n  ")}`);
  }
  return filled as ModelCatalog;
}

function buildModel(name: string, entry: ModelEntry): FlowModel {
  const provider = modelProviders[entry.provider] as ModelProvider<typeof entry.provider>;
  return provider(name, entry as never);
}

/**
 * Builds every model of a catalog.
 *
 * @example
 * const models = createModelRegistry(defaultCatalog);
 * models.get("default").provider // "local"
 */
export function createModelRegistry(catalog: ModelCatalog = defaultCatalog): ModelRegistry {
  const models = new Map(Object.entries(catalog.models).map(([name, entry]) => [name, buildModel(name, entry)]));
  const get = (name: string): FlowModel => {
    const model = models.get(name);
    if (!model) {
      throw new FlowError(
        "unknown_model",
        `Model '${name}' is not in the model catalog (known: ${[...models.keys()].join(", ")}).`,
      );
    }
    return model;
  };
  const chain = (name: string): FlowModel[] => {
    const seen = new Set<string>();
    const visit = (current: string): FlowModel[] => {
      if (seen.has(current)) return [];
      seen.add(current);
      const model = get(current);
      return [model, ...(model.entry.fallbacks ?? []).flatMap(visit)];
    };
    return visit(name);
  };
  return { names: [...models.keys()], get, chain };
}
