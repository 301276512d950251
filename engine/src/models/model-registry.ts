import { FlowError } from "../errors.ts";
import type { ModelCatalog, ModelEntry } from "../schema/catalog.ts";
import type { FlowModel, ModelProvider, ProviderContext } from "./model.ts";
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

function buildModel(name: string, entry: ModelEntry, context: ProviderContext): FlowModel {
  const provider = modelProviders[entry.provider] as ModelProvider<typeof entry.provider>;
  return provider.create(name, entry as never, context);
}

/**
 * Builds every model of a catalog (clients are built once here, and connect on first use).
 * API keys named by `apiKeyEnv` and AWS_REGION are read from `context.env`.
 *
 * @example
 * const models = createModelRegistry(defaultCatalog);
 * models.get("default").provider // "local"
 */
export function createModelRegistry(
  catalog: ModelCatalog = defaultCatalog,
  context: ProviderContext = { env: process.env },
): ModelRegistry {
  const models = new Map(
    Object.entries(catalog.models).map(([name, entry]) => [name, buildModel(name, entry, context)]),
  );
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
