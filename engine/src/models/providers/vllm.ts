import type { ModelProvider } from "../model.ts";
import { createOpenAICompatibleModel, probeOpenAICompatible } from "./openai-compatible.ts";

/** A vLLM server through its OpenAI-compatible API; JSON answers use guided decoding. */
export const vllmProvider: ModelProvider<"vllm"> = {
  create: createOpenAICompatibleModel,
  probe: probeOpenAICompatible,
  modelId: (entry) => entry.model,
};
