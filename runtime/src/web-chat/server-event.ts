/**
 * What the server sends over `/ws/chat/completions`. The first five are the chatbot template's
 * protocol, unchanged; the rest are extensions an old client ignores.
 * @module
 */

import type { ReplyPayload } from "../conversations/index.ts";

interface QuickReply {
  id: string;
  title: string;
}

export type ServerEvent =
  | {
      type: "connected";
      message: string;
      /** To a visitor: the token to present on reconnect (`?visitor_token=`) to see its chats. */
      visitor_token?: string;
      /** To a visitor: the user id its token proves. */
      user_id?: string;
    }
  | { type: "start"; session_id: string; chat_id: string; message_id: string }
  | {
      type: "agent_response";
      message_id: string;
      content: string;
      /** The stored message's id (`message_id` is the turn's: the user message it answers). */
      reply_id: string;
      author: "bot" | "agent";
      quick_replies?: QuickReply[];
    }
  | {
      type: "end";
      message_id: string;
      session_id: string;
      chat_id: string;
      full_text: string;
      /** Where the conversation stands: the flow waits for the user, for a human agent, or ended. */
      status: "waiting" | "handoff" | "ended" | "failed";
    }
  | { type: "error"; message: string; code: string; message_id?: string }
  | { type: "token"; message_id: string; node_id: string; delta: string }
  | { type: "node"; message_id: string; node_id: string; node_type: string }
  | HandoffEvent;

/**
 * A human took over (`opened`), wrote (`agent_message`), handed the chat back to the bot
 * (`handed_back`, with the bot's replies) or closed it (`closed`).
 */
type HandoffEvent =
  | { type: "handoff"; action: "opened"; chat_id: string; reason: string; queue: string }
  | {
      type: "handoff";
      action: "agent_message";
      chat_id: string;
      message_id: string;
      content: string;
      agent: string;
    }
  | { type: "handoff"; action: "agent_typing"; chat_id: string; agent: string }
  | {
      type: "handoff";
      action: "state";
      chat_id: string;
      state: "none" | "waiting" | "agent" | "handed_back";
      agent: string | null;
    }
  | { type: "handoff"; action: "handed_back" | "closed"; chat_id: string; replies: ReplyPayload[] };
