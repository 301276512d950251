import type { VllmSettingsLayer, VllmSettingValues } from "./settings-layers.ts";
import { VllmError } from "./vllm-error.ts";
import type { VllmSettings } from "./vllm-settings.ts";

/**
 * The part of a model catalog read here, typed loosely so it reads any catalog, whichever
 * providers its schema knows.
 */
export interface ModelCatalogLike {
  models: Record<string, { provider: string; [field: string]: unknown }>;
}

/**
 * The catalog's layer, from its first `vllm` entry: `model` (what clients ask for, so what vLLM
 * must serve), the port of `baseUrl`, and `contextTokens` as the context length. Undefined when
 * the catalog has no `vllm` entry.
 */
export function catalogSettingsLayer(catalog: ModelCatalogLike): VllmSettingsLayer | undefined {
  const found = Object.entries(catalog.models).find(([, entry]) => entry.provider === "vllm");
  if (!found) return undefined;
  const [name, entry] = found;
  const { model, baseUrl, contextTokens } = entry as {
    model?: unknown;
    baseUrl?: unknown;
    contextTokens?: unknown;
  };
  const values: VllmSettingValues = {};
  if (typeof model === "string") values.model = model;
  if (typeof baseUrl === "string") {
    const port = portOf(baseUrl, name);
    if (port) values.hostPort = port;
  }
  if (typeof contextTokens === "number") values.maxModelLen = contextTokens;
  const fields: Partial<Record<keyof VllmSettings, string>> = {
    hostPort: "baseUrl port",
    maxModelLen: "contextTokens",
  };
  return { values, nameOf: (key) => `the model catalog's "${name}" ${fields[key] ?? key}` };
}

function portOf(baseUrl: string, name: string): string | undefined {
  try {
    // An URL without a port means the scheme's, which a local vLLM rarely uses: keep the default.
    return new URL(baseUrl).port || undefined;
  } catch {
    throw new VllmError(
      "invalid-settings",
      `The model catalog's "${name}" baseUrl "${baseUrl}" is not a URL; write it like http://localhost:8080/v1.`,
    );
  }
}
