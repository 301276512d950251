import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { ModelEntry, ProviderName } from "../schema/catalog.ts";

/**
 * A model a node can call. `local` is the embedded model: nodes answer with their own
 * deterministic algorithms (classifier, retrieval, slot extraction, fallback text) instead of a
 * chat model. Every other provider is a LangChain chat model.
 */
export type FlowModel =
  | { name: string; provider: "local"; entry: ModelEntry }
  | { name: string; provider: Exclude<ProviderName, "local">; entry: ModelEntry; chat: BaseChatModel };

/** Builds the model of one catalog entry; one implementation per provider. */
export type ModelProvider<P extends ProviderName> = (
  name: string,
  entry: Extract<ModelEntry, { provider: P }>,
) => FlowModel;
