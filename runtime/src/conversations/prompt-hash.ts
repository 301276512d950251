import { createHash } from "node:crypto";
import type { BaseMessage } from "@langchain/core/messages";

/**
 * The hash of a prompt as sent to a chat model: each message's role, content and tool calls. A
 * replay reuses a recorded answer only when the prompt hashes the same, so a changed system
 * prompt, history or user message asks the model again.
 */
export function promptHash(messages: BaseMessage[]): string {
  const parts = messages.map((message) => ({
    role: message.getType(),
    content: message.content,
    toolCalls: "tool_calls" in message ? message.tool_calls : undefined,
  }));
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}
