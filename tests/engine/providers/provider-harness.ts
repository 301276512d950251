/**
 * What the provider contract suite needs per provider: its stand-in server and the catalog
 * entry that points the real client at it. Retries wait a millisecond or two, not seconds.
 */
import { type ModelCatalog, type ProviderName, parseModelCatalog } from "@switchboard/engine";
import { startBedrockServer } from "../../stand-ins/bedrock-server.ts";
import { startOpenAIServer } from "../../stand-ins/openai-server.ts";
import type { StandIn, StandInOptions } from "../../stand-ins/stand-in.ts";

/** Catalog settings a test varies. */
export interface EntryOptions {
  fallbacks?: string[];
  timeoutMs?: number;
  maxAttempts?: number;
  contextTokens?: number;
  /** Points the client at a closed port instead of the stand-in. */
  unreachable?: boolean;
}

export interface ProviderHarness {
  provider: Exclude<ProviderName, "local" | "scripted">;
  start(options?: StandInOptions): StandIn;
  /** The entry for `server`, as a catalog file would give it. */
  entry(server: StandIn, options?: EntryOptions): Record<string, unknown>;
  /** What building the models reads (API keys). */
  env: Record<string, string | undefined>;
  /** The JSON schema a request asked the answer to follow, where this wire format carries it. */
  answerSchema(body: Record<string, unknown>): unknown;
}

/** OpenAI's `response_format: { type: "json_schema", json_schema: { name, schema } }`. */
const responseFormatSchema = (body: Record<string, unknown>) =>
  (body.response_format as { json_schema?: { schema?: unknown } } | undefined)?.json_schema?.schema;

/** Bedrock's forced tool: `toolConfig.tools[0].toolSpec.inputSchema.json`. */
const toolSchema = (body: Record<string, unknown>) =>
  (body.toolConfig as { tools?: { toolSpec?: { inputSchema?: { json?: unknown } } }[] } | undefined)
    ?.tools?.[0]?.toolSpec?.inputSchema?.json;

const OPENAI_KEY = "sk-stand-in";

function common(options: EntryOptions) {
  return {
    ...(options.fallbacks ? { fallbacks: options.fallbacks } : {}),
    ...(options.contextTokens ? { contextTokens: options.contextTokens } : {}),
    retry: {
      timeoutMs: options.timeoutMs ?? 5000,
      maxAttempts: options.maxAttempts ?? 3,
      backoffMs: 1,
      maxBackoffMs: 2,
    },
  };
}

export const harnesses: ProviderHarness[] = [
  {
    provider: "vllm",
    start: (options) => startOpenAIServer(options),
    entry: (server, options = {}) => ({
      provider: "vllm",
      baseUrl: options.unreachable ? "http://127.0.0.1:1/v1" : server.url,
      ...common(options),
    }),
    env: {},
    answerSchema: responseFormatSchema,
  },
  {
    provider: "openai",
    start: (options) =>
      startOpenAIServer({ ...options, models: ["gpt-4o-mini"], apiKey: OPENAI_KEY }),
    entry: (server, options = {}) => ({
      provider: "openai",
      baseUrl: options.unreachable ? "http://127.0.0.1:1/v1" : server.url,
      model: "gpt-4o-mini",
      apiKeyEnv: "STAND_IN_OPENAI_KEY",
      ...common(options),
    }),
    env: { STAND_IN_OPENAI_KEY: OPENAI_KEY },
    answerSchema: responseFormatSchema,
  },
  {
    provider: "bedrock",
    start: (options) => startBedrockServer(options),
    entry: (server, options = {}) => ({
      provider: "bedrock",
      model: "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
      region: "eu-west-1",
      endpoint: options.unreachable ? "http://127.0.0.1:1" : server.url,
      ...common(options),
    }),
    env: {},
    answerSchema: toolSchema,
  },
];

/** A catalog whose `default` is the harness's entry and whose `local` is the embedded model. */
export function catalogFor(
  harness: ProviderHarness,
  server: StandIn,
  options: EntryOptions = {},
): ModelCatalog {
  return parseModelCatalog({
    models: { default: harness.entry(server, options), local: { provider: "local" } },
  });
}

/**
 * Fake AWS credentials for the standard chain, so the Bedrock client signs its requests
 * without reaching for a profile or an instance role; returns the restore function.
 */
export function useFakeAwsCredentials(): () => void {
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  process.env.AWS_ACCESS_KEY_ID = "AKIDSTANDIN";
  process.env.AWS_SECRET_ACCESS_KEY = "stand-in-secret";
  return () => {
    process.env.AWS_ACCESS_KEY_ID = saved.id;
    process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
    if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
  };
}
