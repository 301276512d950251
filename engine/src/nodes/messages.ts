import { AIMessage, type BaseMessage, HumanMessage } from "@langchain/core/messages";
import type { QuickReplyButton, Reply } from "../turn/turn-event.ts";

interface ReplyMetadata {
  nodeId: string;
  author: Reply["author"];
  quickReplies?: QuickReplyButton[];
  citations?: string[];
}

/** A message to the user; who said it and its buttons travel in `response_metadata`, never sent to models. */
export function replyMessage(text: string, metadata: ReplyMetadata): AIMessage {
  return new AIMessage({ content: text, response_metadata: { ...metadata } });
}

/** The reply a bot message stands for, or null for any other message. */
export function replyOf(message: BaseMessage): Reply | null {
  if (!AIMessage.isInstance(message)) return null;
  const meta = message.response_metadata as Partial<ReplyMetadata>;
  return {
    nodeId: meta.nodeId ?? "",
    text: textOf(message),
    author: meta.author ?? "bot",
    ...(meta.quickReplies?.length ? { quickReplies: meta.quickReplies } : {}),
    ...(meta.citations?.length ? { citations: meta.citations } : {}),
  };
}

export function textOf(message: BaseMessage): string {
  return typeof message.content === "string"
    ? message.content
    : message.content
        .map((part) => ("text" in part && typeof part.text === "string" ? part.text : ""))
        .join("");
}

/** The user's latest message, or "" before the first one. */
export function lastUserText(messages: BaseMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message && HumanMessage.isInstance(message)) return textOf(message);
  }
  return "";
}

/** The last `size` messages, the window a model sees of the conversation. */
export function recentMessages(messages: BaseMessage[], size: number): BaseMessage[] {
  return size <= 0 ? [] : messages.slice(-size);
}
