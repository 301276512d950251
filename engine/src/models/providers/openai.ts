import type { ModelProvider } from "../model.ts";
import { createOpenAICompatibleModel, probeOpenAICompatible } from "./openai-compatible.ts";

/** OpenAI, or any other server speaking its chat completions API. */
export const openAIProvider: ModelProvider<"openai"> = {
  create: createOpenAICompatibleModel,
  probe: probeOpenAICompatible,
  modelId: (entry) => entry.model,
};
