import type { ModelProvider } from "../model.ts";
import { ScriptedChatModel } from "../scripted-chat-model.ts";

/** The scripted test model: canned responses played in order. */
export const scriptedProvider: ModelProvider<"scripted"> = {
  create: (name, entry) => ({
    name,
    provider: "scripted",
    entry,
    chat: new ScriptedChatModel(entry.responses ?? []),
  }),
  probe: async () => ({ reachable: "yes", detail: "canned responses" }),
  modelId: () => "scripted",
};
