import { describe, expect, it } from "bun:test";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadModelCatalog } from "../../../runtime/src/config/model-catalog.ts";

async function catalogFile(document: unknown): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), "switchboard-models-")), "models.json");
  await writeFile(path, JSON.stringify(document));
  return path;
}

const noFile = { MODELS_FILE: "" };

describe("loadModelCatalog", () => {
  it("is all local without a file or model variables, so the product works offline", async () => {
    const catalog = await loadModelCatalog(noFile);
    expect(catalog.models).toEqual({
      default: { provider: "local" },
      local: { provider: "local" },
    });
  });

  it("adds a vllm entry from VLLM_* that falls back to local, and points default at it", async () => {
    const catalog = await loadModelCatalog({
      ...noFile,
      VLLM_BASE_URL: "http://gpu-box:8080/v1",
      VLLM_MODEL: "Qwen/Qwen2.5-7B-Instruct",
      VLLM_API_KEY: "secret",
      DEFAULT_MODEL: "vllm",
    });
    expect(catalog.models.vllm).toMatchObject({
      provider: "vllm",
      baseUrl: "http://gpu-box:8080/v1",
      model: "Qwen/Qwen2.5-7B-Instruct",
      apiKeyEnv: "VLLM_API_KEY",
      fallbacks: ["local"],
    });
    expect(catalog.models.default).toEqual(catalog.models.vllm);
    // The key itself never enters the catalog, only the variable's name.
    expect(JSON.stringify(catalog)).not.toContain("secret");
  });

  it("adds a bedrock entry from BEDROCK_MODEL_ID and BEDROCK_ENDPOINT_URL", async () => {
    const catalog = await loadModelCatalog({
      ...noFile,
      BEDROCK_MODEL_ID: "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
      BEDROCK_ENDPOINT_URL: "https://bedrock.internal",
    });
    expect(catalog.models.bedrock).toEqual({
      provider: "bedrock",
      model: "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
      endpoint: "https://bedrock.internal",
      fallbacks: ["local"],
    });
    expect(catalog.models.default).toEqual({ provider: "local" });
  });

  it("lets the variables override the file's entries field by field", async () => {
    const path = await catalogFile({
      models: {
        default: { provider: "local" },
        vllm: {
          provider: "vllm",
          model: "Qwen/Qwen2.5-0.5B-Instruct",
          fallbacks: ["claude", "local"],
        },
        claude: { provider: "bedrock", model: "m", region: "us-east-1" },
        local: { provider: "local" },
      },
    });
    const catalog = await loadModelCatalog({
      MODELS_FILE: path,
      VLLM_BASE_URL: "http://other:8000/v1",
    });
    expect(catalog.models.vllm).toMatchObject({
      baseUrl: "http://other:8000/v1",
      model: "Qwen/Qwen2.5-0.5B-Instruct",
      fallbacks: ["claude", "local"],
    });
  });

  it("says which variable is wrong", async () => {
    await expect(loadModelCatalog({ ...noFile, DEFAULT_MODEL: "gpt" })).rejects.toThrow(
      "DEFAULT_MODEL is 'gpt', which is not in the model catalog (known: default, local).",
    );
    const path = await catalogFile({ models: { vllm: { provider: "local" } } });
    await expect(loadModelCatalog({ MODELS_FILE: path, VLLM_MODEL: "x" })).rejects.toThrow(
      "the catalog's 'vllm' entry is a local model, not vllm",
    );
  });

  it("reads the committed example catalog", async () => {
    const path = join(import.meta.dir, "..", "..", "..", "models.example.json");
    const catalog = await loadModelCatalog({ MODELS_FILE: path, AWS_REGION: "us-east-1" });
    expect(Object.keys(catalog.models)).toContain("local");
    for (const entry of Object.values(catalog.models)) {
      if (entry.provider !== "local") expect(entry.fallbacks?.at(-1)).toBe("local");
    }
  });
});
