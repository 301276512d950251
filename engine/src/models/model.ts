import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { ModelEntry, ProviderName } from "../schema/catalog.ts";

/** Sampling settings a node asks for; each one left out keeps the catalog entry's. */
export interface ModelSettings {
  temperature?: number;
  maxTokens?: number;
}

/**
 * How a chat model is asked for a JSON answer: `json_schema` through the API's
 * `response_format`, `tool` by forcing a call of a tool whose input is the schema, `prompt` by
 * asking in words. The answer is parsed tolerantly in every case.
 */
export type StructuredMode = "json_schema" | "tool" | "prompt";

/** A model answering through a LangChain chat model. */
export interface ChatFlowModel {
  name: string;
  provider: Exclude<ProviderName, "local">;
  entry: ModelEntry;
  /** The client with the catalog entry's settings. */
  chat: BaseChatModel;
  /** A client with a node's settings over the entry's; built once per distinct settings. */
  configure?: (settings: ModelSettings) => BaseChatModel;
  /** How to ask this model for JSON; `prompt` when left out. */
  structured?: StructuredMode;
}

/**
 * A model a node can call. `local` is the embedded model: nodes answer with their own
 * deterministic algorithms (classifier, retrieval, slot extraction, fallback text) instead of a
 * chat model. Every other provider is a LangChain chat model.
 */
export type FlowModel = { name: string; provider: "local"; entry: ModelEntry } | ChatFlowModel;

/** What building or probing a model may read besides its catalog entry. */
export interface ProviderContext {
  /** Where `apiKeyEnv` and AWS_REGION are read (default `process.env`). */
  env: Record<string, string | undefined>;
}

/** Whether a model answers, as `switchboard models`, `GET /models` and `/ready` report it. */
export interface ModelReachability {
  /** `unknown` where no cheap check exists (Bedrock: a call would be billed). */
  reachable: "yes" | "no" | "unknown";
  /** Why, in a few words: the error, or what was checked. */
  detail: string;
}

/** What probing may use besides the entry. */
export interface ProbeContext extends ProviderContext {
  fetch: typeof fetch;
  timeoutMs: number;
}

/** One provider: how to build a catalog entry's model, and how to check cheaply that it answers. */
export interface ModelProvider<P extends ProviderName> {
  create(
    name: string,
    entry: Extract<ModelEntry, { provider: P }>,
    context: ProviderContext,
  ): FlowModel;
  probe(
    entry: Extract<ModelEntry, { provider: P }>,
    context: ProbeContext,
  ): Promise<ModelReachability>;
  /** The model id the provider serves, for listings. */
  modelId(entry: Extract<ModelEntry, { provider: P }>): string;
}
