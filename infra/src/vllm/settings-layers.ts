import { VllmError } from "./vllm-error.ts";
import type { VllmSettings } from "./vllm-settings.ts";

/** The settings given as one value each; `extraArgs` is a list. */
export type ScalarKey = Exclude<keyof VllmSettings, "extraArgs">;

/** Values from one source before validation: text, or numbers where cac parsed a flag as one. */
export type VllmSettingValues = { [K in ScalarKey]?: string | number } & { extraArgs?: string[] };

/** One source of settings, and how its values are named in an error message. */
export interface VllmSettingsLayer {
  values: VllmSettingValues;
  nameOf(key: keyof VllmSettings): string;
}

/** The `switchboard vllm up` flag behind each setting; `HF_TOKEN` has none, to keep tokens out of shell history. */
const flagNames = {
  containerName: "--name",
  image: "--image",
  model: "--model",
  servedModelName: "--served-model-name",
  hostPort: "--port",
  hostIp: "--bind",
  gpus: "--gpus",
  maxModelLen: "--max-model-len",
  gpuMemoryUtilization: "--gpu-memory-utilization",
  tensorParallelSize: "--tensor-parallel-size",
  hfCacheDir: "--hf-cache",
  extraArgs: "--",
} as const satisfies Partial<Record<keyof VllmSettings, string>>;

const envNames = {
  image: "VLLM_IMAGE",
  model: "VLLM_MODEL",
  hostPort: "VLLM_PORT",
  hfToken: "HF_TOKEN",
  hfCacheDir: "HF_HOME",
} as const satisfies Partial<Record<keyof VllmSettings, string>>;

/** The environment's layer: `VLLM_IMAGE`, `VLLM_MODEL`, `VLLM_PORT`, `HF_TOKEN`, `HF_HOME`. */
export function envSettingsLayer(env: Record<string, string | undefined>): VllmSettingsLayer {
  const values: VllmSettingValues = {};
  for (const [key, name] of Object.entries(envNames) as [keyof typeof envNames, string][]) {
    const value = env[name];
    if (value !== undefined && value !== "") values[key] = value;
  }
  return { values, nameOf: (key) => envNames[key as keyof typeof envNames] ?? key };
}

/** The command line's layer, from options keyed like cac keys them (`--max-model-len` → `maxModelLen`). */
export function flagSettingsLayer(options: Record<string, unknown>): VllmSettingsLayer {
  const values: VllmSettingValues = {};
  for (const [key, flag] of Object.entries(flagNames) as [keyof typeof flagNames, string][]) {
    if (key === "extraArgs") {
      const rest = options["--"];
      if (Array.isArray(rest) && rest.length > 0) values.extraArgs = rest.map(String);
      continue;
    }
    const option = options[camelCase(flag.replace(/^--/, ""))];
    if (typeof option === "string" || typeof option === "number") {
      values[key] = option;
    } else if (option !== undefined) {
      throw new VllmError(
        "invalid-settings",
        `${flag} takes one value; it was given ${JSON.stringify(option)}.`,
      );
    }
  }
  return { values, nameOf: (key) => flagNames[key as keyof typeof flagNames] ?? key };
}

function camelCase(kebab: string): string {
  return kebab.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
}
