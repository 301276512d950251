import { ChatOpenAI } from "@langchain/openai";
import type { ModelEntry } from "../../schema/catalog.ts";
import type {
  ChatFlowModel,
  ModelReachability,
  ModelSettings,
  ProbeContext,
  ProviderContext,
} from "../model.ts";
import { configuredClients } from "./configured-clients.ts";

/** A catalog entry of a server that speaks the OpenAI chat completions API. */
export type OpenAICompatibleEntry = Extract<ModelEntry, { provider: "vllm" | "openai" }>;

/** The key an entry names, if it names one; a named variable that is unset is a problem. */
function apiKeyOf(
  entry: OpenAICompatibleEntry,
  env: ProviderContext["env"],
): { key?: string; problem?: string } {
  if (!entry.apiKeyEnv) return {};
  const key = env[entry.apiKeyEnv];
  return key ? { key } : { problem: `${entry.apiKeyEnv} is not set` };
}

/**
 * Builds a model on `ChatOpenAI` against the entry's base URL. The client never retries
 * (`maxRetries: 0`): callModel does, so each attempt is counted and recorded once. A missing
 * API key fails each call with a clear error (and the fallbacks answer) instead of failing the
 * whole catalog.
 *
 * @example
 * createOpenAICompatibleModel("default", { provider: "vllm", baseUrl, model, structuredOutput: "json_schema" }, { env })
 */
export function createOpenAICompatibleModel(
  name: string,
  entry: OpenAICompatibleEntry,
  context: ProviderContext,
): ChatFlowModel {
  const { key, problem } = apiKeyOf(entry, context.env);
  const apiKey = problem
    ? () => Promise.reject(new Error(`the API key variable ${problem}`))
    : // vLLM started without --api-key accepts any key, but the SDK insists on one.
      (key ?? "EMPTY");
  const build = (settings: ModelSettings) =>
    new ChatOpenAI({
      model: entry.model,
      configuration: { baseURL: entry.baseUrl, apiKey },
      temperature: settings.temperature ?? entry.temperature,
      maxTokens: settings.maxTokens ?? entry.maxTokens,
      maxRetries: 0,
      streamUsage: true,
    });
  return {
    name,
    provider: entry.provider,
    entry,
    chat: build({}),
    configure: configuredClients(build),
    structured: entry.structuredOutput,
  };
}

/**
 * Checks the server cheaply: `GET {baseUrl}/models` answers and lists the entry's model.
 *
 * @example
 * await probeOpenAICompatible(entry, { env, fetch, timeoutMs: 2000 }) // { reachable: "yes", detail: "serves Qwen/…" }
 */
export async function probeOpenAICompatible(
  entry: OpenAICompatibleEntry,
  context: ProbeContext,
): Promise<ModelReachability> {
  const { key, problem } = apiKeyOf(entry, context.env);
  if (problem) return { reachable: "no", detail: problem };
  const url = `${entry.baseUrl.replace(/\/+$/, "")}/models`;
  try {
    const response = await context.fetch(url, {
      headers: key ? { authorization: `Bearer ${key}` } : {},
      signal: AbortSignal.timeout(context.timeoutMs),
    });
    if (!response.ok) return { reachable: "no", detail: `GET ${url} answered ${response.status}` };
    const body = (await response.json()) as { data?: { id?: unknown }[] };
    const ids = (body.data ?? []).map((model) => String(model.id));
    return ids.includes(entry.model)
      ? { reachable: "yes", detail: `${url} serves ${entry.model}` }
      : {
          reachable: "no",
          detail: `${url} serves ${ids.join(", ") || "no model"}, not ${entry.model}`,
        };
  } catch (error) {
    const reason =
      (error as Error).name === "TimeoutError"
        ? `no answer within ${context.timeoutMs} ms`
        : (error as Error).message;
    return { reachable: "no", detail: `GET ${url}: ${reason}` };
  }
}
