import type { Reply } from "@switchboard/engine";
import type { IdentifiedReply } from "./conversation-events.ts";

/** A message of the bot (or, in a handoff, the human agent's) as clients get it, over REST and WebSocket alike. */
export interface ReplyPayload {
  message_id: string;
  content: string;
  quick_replies?: Reply["quickReplies"];
}

/** @example replies.map(toReplyPayload) */
export function toReplyPayload(reply: IdentifiedReply): ReplyPayload {
  return {
    message_id: reply.messageId,
    content: reply.text,
    ...(reply.quickReplies ? { quick_replies: reply.quickReplies } : {}),
  };
}
