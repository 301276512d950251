import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import { MemorySaver } from "@langchain/langgraph";
import {
  type ChatFlowModel,
  compileGraph,
  createModelRegistry,
  type Flow,
  FlowError,
  parseModelCatalog,
  probeCatalog,
  runTurn,
  validateFlow,
} from "@switchboard/engine";
import { startBedrockServer } from "../../stand-ins/bedrock-server.ts";
import { startOpenAIServer } from "../../stand-ins/openai-server.ts";
import { useFakeAwsCredentials } from "./provider-harness.ts";

describe("parseModelCatalog", () => {
  it("fills each provider's defaults", () => {
    const catalog = parseModelCatalog({
      models: {
        vllm: { provider: "vllm" },
        gpt: { provider: "openai", model: "gpt-4o-mini" },
        claude: { provider: "bedrock", model: "us.anthropic.claude-3-7-sonnet-20250219-v1:0" },
        local: { provider: "local" },
      },
    });
    expect(catalog.models.vllm).toEqual({
      provider: "vllm",
      baseUrl: "http://localhost:8080/v1",
      model: "Qwen/Qwen2.5-0.5B-Instruct",
      structuredOutput: "json_schema",
      contextTokens: 8192,
    });
    expect(catalog.models.gpt).toMatchObject({
      baseUrl: "https://api.openai.com/v1",
      apiKeyEnv: "OPENAI_API_KEY",
    });
    expect(catalog.models.claude).toEqual({
      provider: "bedrock",
      model: "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
    });
  });

  it("fills the retry policy's defaults field by field", () => {
    const catalog = parseModelCatalog({
      models: { a: { provider: "vllm", retry: { maxAttempts: 5 } } },
    });
    expect(catalog.models.a?.retry).toEqual({
      timeoutMs: 30000,
      maxAttempts: 5,
      backoffMs: 500,
      maxBackoffMs: 8000,
    });
  });

  it("names each problem by its path, against the entry's own provider", () => {
    const parse = () =>
      parseModelCatalog({
        models: {
          a: { provider: "vllm", baseUrl: 3, apiKey: "sk-in-a-file" },
          b: { provider: "bedrok", model: "x" },
          c: { provider: "local", fallbacks: ["nowhere"] },
        },
      });
    expect(parse).toThrow(FlowError);
    const message = (() => {
      try {
        parse();
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain("/models/a/baseUrl: Expected string");
    expect(message).toContain("/models/a/apiKey");
    expect(message).toContain(
      "/models/b/provider: must be one of local, scripted, vllm, openai, bedrock",
    );
  });

  it("rejects a fallback the catalog does not have", () => {
    expect(() =>
      parseModelCatalog({ models: { a: { provider: "vllm", fallbacks: ["local"] } } }),
    ).toThrow("/models/a/fallbacks/0: 'local' is not in the catalog");
  });
});

describe("createModelRegistry", () => {
  it("follows fallbacks in order, each model once", () => {
    const models = createModelRegistry(
      parseModelCatalog({
        models: {
          default: { provider: "vllm", fallbacks: ["claude", "local"] },
          claude: {
            provider: "bedrock",
            model: "m",
            region: "us-east-1",
            fallbacks: ["local", "default"],
          },
          local: { provider: "local" },
        },
      }),
    );
    expect(models.chain("default").map((m) => m.name)).toEqual(["default", "claude", "local"]);
  });

  it("asks Bedrock for JSON through a forced tool only where the model supports one", () => {
    const models = createModelRegistry(
      parseModelCatalog({
        models: {
          claude: {
            provider: "bedrock",
            model: "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
            region: "us-east-1",
          },
          nova: { provider: "bedrock", model: "us.amazon.nova-2-lite-v1:0", region: "us-east-1" },
          qwen: { provider: "vllm" },
          words: { provider: "vllm", structuredOutput: "prompt" },
        },
      }),
    );
    const modeOf = (name: string) => (models.get(name) as ChatFlowModel).structured;
    expect([modeOf("claude"), modeOf("nova"), modeOf("qwen"), modeOf("words")]).toEqual([
      "tool",
      "prompt",
      "json_schema",
      "prompt",
    ]);
  });

  it("needs a region for Bedrock, from the entry or AWS_REGION", () => {
    const catalog = parseModelCatalog({ models: { claude: { provider: "bedrock", model: "m" } } });
    expect(() => createModelRegistry(catalog, { env: {} })).toThrow(/has no region/);
    expect(createModelRegistry(catalog, { env: { AWS_REGION: "eu-central-1" } }).names).toEqual([
      "claude",
    ]);
  });

  it("builds one client per distinct node settings", () => {
    const model = createModelRegistry(
      parseModelCatalog({ models: { a: { provider: "vllm" } } }),
    ).get("a") as ChatFlowModel;
    const cold = model.configure?.({ temperature: 0 });
    expect(model.configure?.({ temperature: 0 })).toBe(cold);
    expect(model.configure?.({ temperature: 0.7, maxTokens: 64 })).not.toBe(cold);
  });
});

describe("API keys and credentials", () => {
  const openai = startOpenAIServer({ models: ["gpt-4o-mini"], apiKey: "sk-right" });
  const bedrock = startBedrockServer();
  let restoreAws: () => void;
  beforeAll(() => {
    restoreAws = useFakeAwsCredentials();
  });
  afterAll(async () => {
    restoreAws();
    await Promise.all([openai.stop(), bedrock.stop()]);
  });

  const flow: Flow = (() => {
    const result = validateFlow({
      id: "keys",
      name: "Keys",
      version: 1,
      models: ["default"],
      entry: "answer",
      nodes: [
        { id: "answer", type: "llm", config: { prompt: "{{last_message}}", fallback: "Offline." } },
      ],
      edges: [],
    });
    if (!result.ok) throw new Error("invalid test flow");
    return result.flow;
  })();
  const gpt = (env: Record<string, string>) =>
    createModelRegistry(
      parseModelCatalog({
        models: {
          default: {
            provider: "openai",
            baseUrl: openai.url,
            model: "gpt-4o-mini",
            apiKeyEnv: "SHOP_OPENAI_KEY",
            fallbacks: ["local"],
          },
          local: { provider: "local" },
        },
      }),
      { env },
    );

  it("sends the key named by apiKeyEnv as a bearer token", async () => {
    openai.script(["Hi!"]);
    const graph = compileGraph(flow, {
      checkpointer: new MemorySaver(),
      models: gpt({ SHOP_OPENAI_KEY: "sk-right" }),
    });
    const result = await runTurn(graph, "key-1", { kind: "user", text: "hello" });
    expect(openai.requests.at(-1)?.headers.get("authorization")).toBe("Bearer sk-right");
    expect(result.replies.map((r) => r.text)).toEqual(["Hi!"]);
  });

  it("fails each call clearly when the key's variable is unset, and the fallback answers", async () => {
    const before = openai.requests.length;
    const graph = compileGraph(flow, { checkpointer: new MemorySaver(), models: gpt({}) });
    const result = await runTurn(graph, "key-2", { kind: "user", text: "hello" });
    expect(openai.requests.length).toBe(before);
    expect(result.calls[0]?.error).toContain("SHOP_OPENAI_KEY is not set");
    expect(result.replies.map((r) => r.text)).toEqual(["Offline."]);
  });

  it("signs Bedrock requests with SigV4 for the entry's region, credentials from the AWS chain", async () => {
    bedrock.script(["Hello from Bedrock."]);
    const models = createModelRegistry(
      parseModelCatalog({
        models: {
          default: {
            provider: "bedrock",
            model: "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
            region: "eu-west-1",
            endpoint: bedrock.url,
          },
        },
      }),
    );
    const graph = compileGraph(flow, { checkpointer: new MemorySaver(), models });
    const result = await runTurn(graph, "key-3", { kind: "user", text: "hello" });
    expect(result.replies.map((r) => r.text)).toEqual(["Hello from Bedrock."]);
    expect(bedrock.requests.at(-1)?.model).toBe("us.anthropic.claude-3-7-sonnet-20250219-v1:0");
    expect(bedrock.signatures.at(-1)).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDSTANDIN\/\d{8}\/eu-west-1\/bedrock\/aws4_request, /,
    );
  });
});

describe("probeCatalog", () => {
  const vllm = startOpenAIServer();
  afterAll(() => vllm.stop());

  it("reports each entry's provider, model id, fallbacks and whether it answers", async () => {
    const catalog = parseModelCatalog({
      models: {
        default: { provider: "vllm", baseUrl: vllm.url, fallbacks: ["local"] },
        other: { provider: "vllm", baseUrl: vllm.url, model: "meta-llama/Llama-3.1-8B-Instruct" },
        down: { provider: "vllm", baseUrl: "http://127.0.0.1:1/v1" },
        gpt: { provider: "openai", model: "gpt-4o-mini" },
        claude: {
          provider: "bedrock",
          model: "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
          region: "us-east-1",
        },
        local: { provider: "local" },
      },
    });
    const statuses = await probeCatalog(catalog, { env: {}, timeoutMs: 1000 });
    expect(statuses.map((s) => [s.name, s.provider, s.model, s.reachable])).toEqual([
      ["default", "vllm", "Qwen/Qwen2.5-0.5B-Instruct", "yes"],
      ["other", "vllm", "meta-llama/Llama-3.1-8B-Instruct", "no"],
      ["down", "vllm", "Qwen/Qwen2.5-0.5B-Instruct", "no"],
      ["gpt", "openai", "gpt-4o-mini", "no"],
      ["claude", "bedrock", "us.anthropic.claude-3-7-sonnet-20250219-v1:0", "unknown"],
      ["local", "local", "embedded", "yes"],
    ]);
    expect(statuses[0]?.fallbacks).toEqual(["local"]);
    expect(statuses[1]?.detail).toContain(
      "serves Qwen/Qwen2.5-0.5B-Instruct, not meta-llama/Llama-3.1-8B-Instruct",
    );
    expect(statuses[3]?.detail).toBe("OPENAI_API_KEY is not set");
    expect(statuses[4]?.detail).toContain("not probed");
  });

  it("gives up on a server that does not answer within the probe's timeout", async () => {
    const silent = Bun.serve({ port: 0, fetch: () => new Promise<Response>(() => {}) });
    const [status] = await probeCatalog(
      parseModelCatalog({
        models: { slow: { provider: "vllm", baseUrl: `http://127.0.0.1:${silent.port}/v1` } },
      }),
      { timeoutMs: 50 },
    );
    expect(status).toMatchObject({
      reachable: "no",
      detail: expect.stringContaining("no answer within 50 ms"),
    });
    await silent.stop(true);
  });
});
