import type { ProviderName } from "../../schema/catalog.ts";
import type { ModelProvider } from "../model.ts";
import { bedrockProvider } from "./bedrock.ts";
import { localProvider } from "./local.ts";
import { openAIProvider } from "./openai.ts";
import { scriptedProvider } from "./scripted.ts";
import { vllmProvider } from "./vllm.ts";

/** One provider per catalog `provider` value; adding a provider without one fails the type check. */
export const modelProviders = {
  local: localProvider,
  scripted: scriptedProvider,
  vllm: vllmProvider,
  openai: openAIProvider,
  bedrock: bedrockProvider,
} satisfies { [P in ProviderName]: ModelProvider<P> };
