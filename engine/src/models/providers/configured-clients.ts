import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { ModelSettings } from "../model.ts";

/**
 * Builds a client per distinct node settings once and reuses it, so a node's temperature or
 * answer length costs nothing per call.
 *
 * @example
 * const configure = configuredClients((settings) => new ChatOpenAI({ ...base, ...settings }));
 * configure({ temperature: 0 }) === configure({ temperature: 0 }) // true
 */
export function configuredClients(build: (settings: ModelSettings) => BaseChatModel) {
  const clients = new Map<string, BaseChatModel>();
  return (settings: ModelSettings): BaseChatModel => {
    const key = `${settings.temperature ?? ""}|${settings.maxTokens ?? ""}`;
    let client = clients.get(key);
    if (!client) {
      client = build(settings);
      clients.set(key, client);
    }
    return client;
  };
}
