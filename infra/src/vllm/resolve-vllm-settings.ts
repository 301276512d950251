import { isIP } from "node:net";
import { homedir } from "node:os";
import { resolve } from "node:path";
import type { ScalarKey, VllmSettingsLayer } from "./settings-layers.ts";
import { VllmError } from "./vllm-error.ts";
import {
  defaultVllmSettings,
  type GpuSelection,
  type VllmSettings,
  vllmImageAliases,
} from "./vllm-settings.ts";

/**
 * Settings from defaults, overridden by each layer in turn (lowest first: catalog, environment,
 * flags), every value validated with a message naming where it came from.
 */
export function resolveVllmSettings(
  layers: VllmSettingsLayer[],
  defaults: VllmSettings = defaultVllmSettings(),
): VllmSettings {
  const pick = <K extends ScalarKey>(key: K): { raw: string; name: string } | undefined => {
    for (const layer of [...layers].reverse()) {
      const raw = layer.values[key];
      if (raw !== undefined) return { raw: String(raw).trim(), name: layer.nameOf(key) };
    }
    return undefined;
  };
  const take = <K extends ScalarKey>(
    key: K,
    parse: (raw: string, name: string) => VllmSettings[K],
  ) => {
    const found = pick(key);
    return found ? parse(found.raw, found.name) : defaults[key];
  };

  const model = take("model", nonEmpty);
  const hfToken = pick("hfToken")?.raw;
  const extraArgs = [...layers].reverse().find((layer) => layer.values.extraArgs)?.values.extraArgs;
  const settings: VllmSettings = {
    containerName: take("containerName", containerName),
    image: take("image", image),
    model,
    servedModelName: pick("servedModelName") ? take("servedModelName", nonEmpty) : model,
    hostPort: take("hostPort", (raw, name) => integer(raw, name, 1, 65535)),
    hostIp: take("hostIp", hostIp),
    gpus: take("gpus", gpus),
    maxModelLen: take("maxModelLen", (raw, name) => integer(raw, name, 1)),
    gpuMemoryUtilization: take("gpuMemoryUtilization", fraction),
    tensorParallelSize: take("tensorParallelSize", (raw, name) => integer(raw, name, 1)),
    hfCacheDir: take("hfCacheDir", directory),
    ...(hfToken ? { hfToken } : {}),
    extraArgs: extraArgs ?? defaults.extraArgs,
  };
  checkGpusFitTensorParallelism(settings);
  return settings;
}

function invalid(name: string, message: string): VllmError {
  const sentence = `${name} ${message}`;
  return new VllmError("invalid-settings", sentence.charAt(0).toUpperCase() + sentence.slice(1));
}

function nonEmpty(raw: string, name: string): string {
  if (raw === "") throw invalid(name, "is empty; give it a value or leave it out for the default.");
  return raw;
}

function containerName(raw: string, name: string): string {
  // Docker's own rule for container names.
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(raw)) {
    throw invalid(name, `"${raw}" is not a container name: use letters, digits, "_", "." and "-".`);
  }
  return raw;
}

function image(raw: string, name: string): string {
  const reference = vllmImageAliases[raw] ?? raw;
  if (!/^[^\s]+$/.test(reference)) {
    throw invalid(
      name,
      `"${raw}" is not an image: name one like vllm/vllm-openai:latest, or "official" or "nvidia".`,
    );
  }
  return reference;
}

function integer(raw: string, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
    throw invalid(name, `is "${raw}"; it takes a whole number ${range}.`);
  }
  return value;
}

function fraction(raw: string, name: string): number {
  const value = Number(raw);
  if (raw === "" || !Number.isFinite(value) || value <= 0 || value > 1) {
    throw invalid(
      name,
      `is "${raw}"; it takes the share of GPU memory vLLM may use, above 0 and at most 1 (e.g. 0.9).`,
    );
  }
  return value;
}

function hostIp(raw: string, name: string): string {
  if (raw !== "" && isIP(raw) === 0) {
    throw invalid(
      name,
      `is "${raw}"; it takes an IP address such as 127.0.0.1 (or leave it out for every interface).`,
    );
  }
  return raw;
}

function gpus(raw: string, name: string): GpuSelection {
  // The syntax of `docker run --gpus`, plus a bare list of devices.
  if (raw === "all") return { kind: "all" };
  if (/^[1-9]\d*$/.test(raw)) return { kind: "count", count: Number(raw) };
  const list = raw.startsWith("device=")
    ? raw.slice("device=".length)
    : raw.includes(",")
      ? raw
      : undefined;
  const ids = list?.split(",").map((id) => id.trim());
  // Indexes as nvidia-smi numbers them, or GPU/MIG UUIDs.
  if (ids?.every((id) => /^(\d+|(GPU|MIG)-[\w-]+)$/.test(id))) return { kind: "devices", ids };
  throw invalid(
    name,
    `is "${raw}"; it takes "all", a number of GPUs (e.g. 2), or devices (e.g. device=0,1 or device=GPU-<uuid>).`,
  );
}

function directory(raw: string, name: string): string {
  if (raw === "") throw invalid(name, "is empty; name the host's Hugging Face cache directory.");
  // Docker binds need an absolute host path.
  return resolve(raw.replace(/^~(?=$|\/)/, homedir()));
}

function checkGpusFitTensorParallelism(settings: VllmSettings): void {
  const { gpus: selection, tensorParallelSize } = settings;
  const available =
    selection.kind === "count"
      ? selection.count
      : selection.kind === "devices"
        ? selection.ids.length
        : Infinity;
  if (tensorParallelSize > available) {
    throw new VllmError(
      "invalid-settings",
      `--tensor-parallel-size ${tensorParallelSize} splits the model over ${tensorParallelSize} GPUs, but --gpus gives the container ${available}: give it more GPUs or lower the tensor parallel size.`,
    );
  }
}
