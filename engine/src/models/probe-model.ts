import type { ModelCatalog, ModelEntry, ProviderName } from "../schema/catalog.ts";
import type { ModelProvider, ModelReachability, ProbeContext } from "./model.ts";
import { modelProviders } from "./providers/index.ts";

/** A catalog entry as `switchboard models` and `GET /models` list it. */
export interface ModelStatus extends ModelReachability {
  name: string;
  provider: ProviderName;
  /** The model id the provider serves (`embedded` for the local model). */
  model: string;
  /** The models tried next when this one fails. */
  fallbacks: string[];
}

const defaults: ProbeContext = { env: process.env, fetch, timeoutMs: 2000 };

/**
 * Checks cheaply whether one catalog entry answers (vLLM and OpenAI: `GET {baseUrl}/models`
 * lists the model; Bedrock: not probed, a call would be billed; local: always). Never throws.
 *
 * @example
 * await probeModel("default", { provider: "vllm", … }) // { reachable: "yes", model: "Qwen/…", … }
 */
export async function probeModel(
  name: string,
  entry: ModelEntry,
  context: Partial<ProbeContext> = {},
): Promise<ModelStatus> {
  const provider = modelProviders[entry.provider] as ModelProvider<typeof entry.provider>;
  const reachability = await provider
    .probe(entry as never, { ...defaults, ...context })
    .catch((error: unknown) => ({ reachable: "no" as const, detail: (error as Error).message }));
  return {
    name,
    provider: entry.provider,
    model: provider.modelId(entry as never),
    fallbacks: entry.fallbacks ?? [],
    ...reachability,
  };
}

/**
 * Probes every entry of a catalog at once, in catalog order.
 *
 * @example
 * for (const status of await probeCatalog(catalog)) console.log(status.name, status.reachable);
 */
export function probeCatalog(
  catalog: ModelCatalog,
  context: Partial<ProbeContext> = {},
): Promise<ModelStatus[]> {
  return Promise.all(
    Object.entries(catalog.models).map(([name, entry]) => probeModel(name, entry, context)),
  );
}
