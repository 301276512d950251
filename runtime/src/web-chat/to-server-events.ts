import type { ChatNotice, ConversationEvent } from "../conversations/index.ts";
import { toReplyPayload } from "../conversations/index.ts";
import { errorEvent } from "../errors.ts";
import type { ServerEvent } from "./server-event.ts";

/**
 * A turn's listener that sends its conversation events in the chatbot template's protocol:
 * `start`, `node`, `token`, `agent_response`, `handoff` (opened), then `end` — or `error`.
 * Events the protocol has no word for (node ends, model calls) are not sent.
 *
 * @example
 * await chats.sendMessage(message, toServerEvents((event) => outbox.send(event)));
 */
export function toServerEvents(
  send: (event: ServerEvent) => void,
): (event: ConversationEvent) => void {
  // The turn's id: every event of the turn names it, and the protocol calls it message_id.
  let turnId = "";
  let chatId = "";
  return (event) => {
    switch (event.type) {
      case "turn_started":
        ({ turnId, chatId } = event);
        return send({
          type: "start",
          session_id: event.sessionId,
          chat_id: chatId,
          message_id: turnId,
        });
      case "token":
        return send({
          type: "token",
          message_id: turnId,
          node_id: event.nodeId,
          delta: event.delta,
        });
      case "node_start":
        return send({
          type: "node",
          message_id: turnId,
          node_id: event.nodeId,
          node_type: event.nodeType,
        });
      case "reply":
        return send({
          type: "agent_response",
          message_id: turnId,
          content: event.text,
          reply_id: event.messageId,
          author: event.author,
          ...(event.quickReplies ? { quick_replies: event.quickReplies } : {}),
        });
      case "handoff":
        if (event.handoff.status !== "open") return;
        return send({
          type: "handoff",
          action: "opened",
          chat_id: chatId,
          reason: event.handoff.reason,
          queue: event.handoff.queue,
        });
      case "turn_ended":
        return send({
          type: "end",
          message_id: event.turnId,
          session_id: event.sessionId,
          chat_id: event.chatId,
          full_text: event.replies.map((reply) => reply.text).join("\n\n"),
          status: event.status,
        });
      case "turn_failed":
        return send(errorEvent(event.error, event.turnId));
      default:
        return;
    }
  };
}

/** What the chat's sockets are told of a human agent's action. */
export function noticeToServerEvent(notice: ChatNotice): ServerEvent {
  if (notice.type === "agent_message")
    return {
      type: "handoff",
      action: "agent_message",
      chat_id: notice.chatId,
      message_id: notice.messageId,
      content: notice.content,
      agent: notice.agent,
    };
  if (notice.type === "agent_typing")
    return { type: "handoff", action: "agent_typing", chat_id: notice.chatId, agent: notice.agent };
  return {
    type: "handoff",
    action: notice.type,
    chat_id: notice.chatId,
    replies: notice.replies.map(toReplyPayload),
  };
}
