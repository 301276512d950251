import type { BaseMessage } from "@langchain/core/messages";

/** A message's text: its string content, or its text parts joined. */
export function textOf(message: BaseMessage): string {
  return typeof message.content === "string"
    ? message.content
    : message.content
        .map((part) => ("text" in part && typeof part.text === "string" ? part.text : ""))
        .join("");
}
