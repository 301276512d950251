import type { ModelProvider } from "../model.ts";
import { ScriptedChatModel } from "../scripted-chat-model.ts";

/** The scripted test model: canned responses played in order. */
export const scriptedProvider: ModelProvider<"scripted"> = (name, entry) => ({
  name,
  provider: "scripted",
  entry,
  chat: new ScriptedChatModel(entry.responses ?? []),
});
