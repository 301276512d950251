import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, type AIMessageChunk, type BaseMessage } from "@langchain/core/messages";
import type { RunContext } from "../nodes/node-runner.ts";

export interface ChatOptions {
  /** Stream tokens to the caller as `token` events. */
  stream: boolean;
}

function textOf(chunk: AIMessageChunk | AIMessage): string {
  return typeof chunk.content === "string"
    ? chunk.content
    : chunk.content.map((part) => ("text" in part && typeof part.text === "string" ? part.text : "")).join("");
}

/**
 * Calls a chat model and returns its whole answer, streaming the tokens as they come.
 * The node's LangGraph config is passed so callbacks (tracing) see the call nested in the node.
 */
export async function chatText(
  chat: BaseChatModel,
  messages: BaseMessage[],
  run: RunContext,
  options: ChatOptions,
): Promise<{ value: string; message: AIMessage }> {
  const bound = chat.withConfig({
    ...run.config,
    metadata: { ...run.config.metadata, nodeId: run.node.id },
  });
  if (!options.stream) {
    const message = (await bound.invoke(messages)) as AIMessage;
    return { value: textOf(message), message };
  }
  let full: AIMessageChunk | undefined;
  for await (const chunk of await bound.stream(messages)) {
    const delta = textOf(chunk);
    if (delta) run.emit({ type: "token", nodeId: run.node.id, delta });
    full = full ? full.concat(chunk) : chunk;
  }
  const message = new AIMessage({ content: full ? textOf(full) : "", usage_metadata: full?.usage_metadata });
  return { value: textOf(message), message };
}
