import { describe, expect, it } from "bun:test";
import { homedir } from "node:os";
import { parseModelCatalog } from "@switchboard/engine";
import {
  catalogSettingsLayer,
  defaultVllmSettings,
  envSettingsLayer,
  flagSettingsLayer,
  resolveVllmSettings,
  type VllmSettingsLayer,
} from "../../infra/src/index.ts";

const catalog = {
  models: {
    local: { provider: "local" },
    gpu: {
      provider: "vllm",
      model: "Qwen/Qwen2.5-1.5B-Instruct",
      baseUrl: "http://localhost:8090/v1",
      contextTokens: 4096,
    },
  },
};

function resolveWith(...layers: (VllmSettingsLayer | undefined)[]) {
  return resolveVllmSettings(
    layers.filter((layer): layer is VllmSettingsLayer => layer !== undefined),
  );
}

function invalid(...layers: VllmSettingsLayer[]): string {
  try {
    resolveWith(...layers);
  } catch (error) {
    expect(error).toMatchObject({ code: "invalid-settings", exitCode: 2 });
    return (error as Error).message;
  }
  throw new Error("expected the settings to be rejected");
}

describe("resolveVllmSettings", () => {
  it("uses the start script's values by default", () => {
    expect(resolveWith()).toEqual(defaultVllmSettings());
    expect(resolveWith()).toMatchObject({
      image: "vllm/vllm-openai:latest",
      model: "Qwen/Qwen2.5-0.5B-Instruct",
      hostPort: 8080,
      gpus: { kind: "all" },
      maxModelLen: 8192,
      gpuMemoryUtilization: 0.9,
      tensorParallelSize: 1,
      hfCacheDir: `${homedir()}/.cache/huggingface`,
    });
  });

  it("takes the catalog's vllm model and port, the environment over it, and flags over both", () => {
    const fromCatalog = catalogSettingsLayer(catalog);
    expect(resolveWith(fromCatalog)).toMatchObject({
      model: "Qwen/Qwen2.5-1.5B-Instruct",
      servedModelName: "Qwen/Qwen2.5-1.5B-Instruct",
      hostPort: 8090,
      maxModelLen: 4096,
    });
    const env = envSettingsLayer({
      VLLM_MODEL: "env/model",
      VLLM_PORT: "9000",
      VLLM_IMAGE: "nvidia",
      HF_TOKEN: "hf_x",
      HF_HOME: "/data/hf",
    });
    expect(resolveWith(fromCatalog, env)).toMatchObject({
      model: "env/model",
      hostPort: 9000,
      image: "nvcr.io/nvidia/vllm:25.09-py3",
      hfToken: "hf_x",
      hfCacheDir: "/data/hf",
    });
    // cac hands numeric flags over as numbers.
    const flags = flagSettingsLayer({
      model: "flag/model",
      port: 9100,
      gpus: "device=0,1",
      tensorParallelSize: 2,
      "--": ["--enforce-eager"],
    });
    expect(resolveWith(fromCatalog, env, flags)).toMatchObject({
      model: "flag/model",
      servedModelName: "flag/model",
      hostPort: 9100,
      gpus: { kind: "devices", ids: ["0", "1"] },
      tensorParallelSize: 2,
      extraArgs: ["--enforce-eager"],
    });
  });

  it("keeps a served model name apart from the model when one is given", () => {
    const flags = flagSettingsLayer({
      model: "Qwen/Qwen2.5-0.5B-Instruct",
      servedModelName: "support",
    });
    expect(resolveWith(flags)).toMatchObject({
      model: "Qwen/Qwen2.5-0.5B-Instruct",
      servedModelName: "support",
    });
  });

  it("reads --gpus as docker run does", () => {
    const gpus = (value: string | number) => resolveWith(flagSettingsLayer({ gpus: value })).gpus;
    expect(gpus("all")).toEqual({ kind: "all" });
    expect(gpus(2)).toEqual({ kind: "count", count: 2 });
    expect(gpus("device=1")).toEqual({ kind: "devices", ids: ["1"] });
    expect(gpus("device=GPU-3a9d2f,MIG-4b1c")).toEqual({
      kind: "devices",
      ids: ["GPU-3a9d2f", "MIG-4b1c"],
    });
    expect(gpus("0,2")).toEqual({ kind: "devices", ids: ["0", "2"] });
  });

  it("expands ~ and makes the cache directory absolute", () => {
    expect(resolveWith(flagSettingsLayer({ hfCache: "~/hf" })).hfCacheDir).toBe(`${homedir()}/hf`);
    expect(resolveWith(flagSettingsLayer({ hfCache: "cache" })).hfCacheDir).toBe(
      `${process.cwd()}/cache`,
    );
  });

  it("names where each invalid value came from and what it takes", () => {
    expect(invalid(flagSettingsLayer({ port: "http" }))).toBe(
      '--port is "http"; it takes a whole number from 1 to 65535.',
    );
    expect(invalid(envSettingsLayer({ VLLM_PORT: "70000" }))).toStartWith('VLLM_PORT is "70000"');
    expect(invalid(flagSettingsLayer({ gpuMemoryUtilization: 1.5 }))).toContain(
      "above 0 and at most 1",
    );
    expect(invalid(flagSettingsLayer({ gpus: "two" }))).toContain(
      '--gpus is "two"; it takes "all", a number of GPUs',
    );
    expect(invalid(flagSettingsLayer({ name: "-bad name" }))).toContain("is not a container name");
    expect(invalid(flagSettingsLayer({ bind: "localhost" }))).toContain("--bind");
    expect(invalid(flagSettingsLayer({ maxModelLen: "8k" }))).toContain("--max-model-len");
    expect(invalid(flagSettingsLayer({ image: "vllm openai" }))).toContain(
      '"official" or "nvidia"',
    );
    expect(() => flagSettingsLayer({ model: ["a", "b"] })).toThrow(
      '--model takes one value; it was given ["a","b"].',
    );
  });

  it("refuses a tensor parallel size larger than the GPUs given", () => {
    expect(invalid(flagSettingsLayer({ gpus: 1, tensorParallelSize: 2 }))).toContain(
      "--tensor-parallel-size 2 splits the model over 2 GPUs, but --gpus gives the container 1",
    );
  });
});

describe("catalogSettingsLayer", () => {
  it("reads nothing from a catalog without a vllm entry", () => {
    expect(catalogSettingsLayer({ models: { default: { provider: "local" } } })).toBeUndefined();
  });

  it("keeps the default port when the baseUrl names none, and rejects one that is no URL", () => {
    const noPort = catalogSettingsLayer({
      models: { v: { provider: "vllm", baseUrl: "http://gpu-box/v1" } },
    });
    expect(resolveWith(noPort).hostPort).toBe(8080);
    expect(() =>
      catalogSettingsLayer({ models: { v: { provider: "vllm", baseUrl: "gpu box" } } }),
    ).toThrow('The model catalog\'s "v" baseUrl "gpu box" is not a URL');
  });

  it("names the catalog entry in errors", () => {
    const layer = catalogSettingsLayer({
      models: { gpu: { provider: "vllm", model: "", baseUrl: "http://localhost:8080/v1" } },
    });
    expect(layer && invalid(layer)).toStartWith('The model catalog\'s "gpu" model is empty');
  });
});

describe("catalogSettingsLayer on the engine's catalog", () => {
  it("reads a vllm entry with the schema's defaults filled in", () => {
    const layer = catalogSettingsLayer(
      parseModelCatalog({ models: { gpu: { provider: "vllm" } } }),
    );
    expect(layer?.values).toEqual({
      model: "Qwen/Qwen2.5-0.5B-Instruct",
      hostPort: "8080",
      maxModelLen: 8192,
    });
  });
});
