import type { ModelCatalog } from "@switchboard/engine";

type Env = Record<string, string | undefined>;
type Entries = Record<string, Record<string, unknown>>;

/** The entry `name` with `fields` over it, created (falling back to `local`) when the catalog lacks it. */
function mergeEntry(
  models: Entries,
  name: string,
  provider: string,
  fields: Record<string, unknown>,
  cause: string,
) {
  const existing = models[name];
  if (existing && existing.provider !== provider) {
    throw new Error(
      `${cause} is set, but the catalog's '${name}' entry is a ${existing.provider} model, not ${provider}.`,
    );
  }
  models[name] = { ...(existing ?? { provider, fallbacks: ["local"] }), ...fields };
  models.local ??= { provider: "local" };
}

function defined(fields: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value)) as Record<
    string,
    string
  >;
}

/**
 * Applies the environment to a catalog document, so a deployment configures models without a
 * file: `VLLM_BASE_URL`, `VLLM_MODEL` and `VLLM_API_KEY` fill the `vllm` entry;
 * `BEDROCK_MODEL_ID` and `BEDROCK_ENDPOINT_URL` the `bedrock` entry (its region comes from
 * `AWS_REGION`); an entry they create falls back to `local`. `DEFAULT_MODEL` names the entry
 * that `default` stands for. The result still needs `parseModelCatalog`.
 *
 * @example
 * withModelEnv(defaultCatalog, { VLLM_BASE_URL: "http://gpu:8080/v1", DEFAULT_MODEL: "vllm" })
 * // default and vllm: { provider: "vllm", baseUrl: "http://gpu:8080/v1", fallbacks: ["local"] }
 */
export function withModelEnv(catalog: ModelCatalog, env: Env): ModelCatalog {
  const models = structuredClone(catalog.models) as Entries;
  const vllm = defined({ baseUrl: env.VLLM_BASE_URL, model: env.VLLM_MODEL });
  if (env.VLLM_API_KEY) vllm.apiKeyEnv = "VLLM_API_KEY";
  if (Object.keys(vllm).length > 0)
    mergeEntry(models, "vllm", "vllm", vllm, "VLLM_BASE_URL, VLLM_MODEL or VLLM_API_KEY");
  const bedrock = defined({ model: env.BEDROCK_MODEL_ID, endpoint: env.BEDROCK_ENDPOINT_URL });
  if (Object.keys(bedrock).length > 0) {
    mergeEntry(models, "bedrock", "bedrock", bedrock, "BEDROCK_MODEL_ID or BEDROCK_ENDPOINT_URL");
  }
  const target = env.DEFAULT_MODEL;
  if (target && target !== "default") {
    const entry = models[target];
    if (!entry) {
      throw new Error(
        `DEFAULT_MODEL is '${target}', which is not in the model catalog (known: ${Object.keys(models).join(", ")}).`,
      );
    }
    models.default = structuredClone(entry);
  }
  return { ...catalog, models } as ModelCatalog;
}
