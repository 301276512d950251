import type { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import type { ChatBedrockConverse } from "@langchain/aws";
import { FlowError } from "../../errors.ts";
import type { ModelEntry } from "../../schema/catalog.ts";
import type { ModelProvider, ModelSettings, ProviderContext } from "../model.ts";
import { configuredClients } from "./configured-clients.ts";

/**
 * The AWS SDK and LangChain's Bedrock model weigh 15 MB in memory, so they are loaded (with
 * Bun's synchronous `require` of ES modules) when a catalog first names a bedrock model.
 */
function sdk() {
  return {
    runtime:
      require("@aws-sdk/client-bedrock-runtime") as typeof import("@aws-sdk/client-bedrock-runtime"),
    http: require("@smithy/node-http-handler") as typeof import("@smithy/node-http-handler"),
    langchain: require("@langchain/aws") as typeof import("@langchain/aws"),
  };
}

type BedrockEntry = Extract<ModelEntry, { provider: "bedrock" }>;

function regionOf(entry: BedrockEntry, env: ProviderContext["env"]): string | undefined {
  return entry.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
}

/**
 * The Bedrock Runtime client: credentials from the standard AWS chain (environment, shared
 * files, SSO, instance roles), one attempt per call because callModel retries, and HTTP/1.1:
 * Converse and ConverseStream need no HTTP/2, and an endpoint override on plain http (a test
 * stand-in, a gateway) cannot speak it.
 */
function runtimeClient(
  { runtime, http }: ReturnType<typeof sdk>,
  region: string,
  endpoint: string | undefined,
): BedrockRuntimeClient {
  return new runtime.BedrockRuntimeClient({
    region,
    ...(endpoint ? { endpoint } : {}),
    maxAttempts: 1,
    requestHandler: new http.NodeHttpHandler(),
  });
}

/** AWS Bedrock through the Converse API; JSON answers through a forced tool call where the model supports one. */
export const bedrockProvider: ModelProvider<"bedrock"> = {
  create: (name, entry, context) => {
    const region = regionOf(entry, context.env);
    if (!region) {
      throw new FlowError(
        "invalid_catalog",
        `Model '${name}' (bedrock) has no region: set "region" in the catalog or AWS_REGION.`,
      );
    }
    const modules = sdk();
    const client = runtimeClient(modules, region, entry.endpoint);
    const { ChatBedrockConverse } = modules.langchain;
    const build = (settings: ModelSettings): ChatBedrockConverse =>
      new ChatBedrockConverse({
        model: entry.model,
        region,
        client,
        temperature: settings.temperature ?? entry.temperature,
        maxTokens: settings.maxTokens ?? entry.maxTokens,
        maxRetries: 0,
      });
    const chat = build({});
    return {
      name,
      provider: "bedrock",
      entry,
      chat,
      configure: configuredClients(build),
      structured: chat.supportsToolChoiceValues?.includes("tool") ? "tool" : "prompt",
    };
  },
  // No call is both cheap and free on Bedrock: even the smallest Converse is billed.
  probe: async (entry, context) => {
    const region = regionOf(entry, context.env);
    return region
      ? {
          reachable: "unknown",
          detail: `not probed (a call would be billed); region ${region}${entry.endpoint ? `, endpoint ${entry.endpoint}` : ""}`,
        }
      : { reachable: "no", detail: 'no region: set "region" in the catalog or AWS_REGION' };
  },
  modelId: (entry) => entry.model,
};
