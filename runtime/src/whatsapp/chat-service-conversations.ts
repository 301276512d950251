import type { ChatService } from "../conversations/chat-service.ts";
import { createChat } from "../conversations/chats.repository.ts";
import type { Database } from "../db/database.ts";
import type { OutgoingReply } from "./to-graph-messages.ts";
import type { WhatsAppConversations } from "./whatsapp-conversations.ts";

export interface ChatServiceConversationsOptions {
  database: Database;
  chats: ChatService;
  /** The flow WhatsApp chats talk to; undefined: the server's default flow. */
  flow?: string;
}

/**
 * WhatsApp conversations run by the runtime's chat service, as the web chat's are: the same
 * flows, sessions (a new one after 24 hours without a message), transcripts, handoffs and rate
 * limit. A phone's first message opens its chat on the `whatsapp` channel, titled with the
 * profile name.
 *
 * @example
 * const conversations = chatServiceConversations({ database, chats: services.chats });
 */
export function chatServiceConversations({
  database,
  chats,
  flow,
}: ChatServiceConversationsOptions): WhatsAppConversations {
  return {
    async respond({ userId, chatId, text, profileName }) {
      const chat =
        chatId ??
        (
          await createChat(database.db, {
            userId,
            channel: "whatsapp",
            ...(profileName !== null && { title: profileName }),
          })
        ).id;
      const replies: OutgoingReply[] = [];
      let failure: string | undefined;
      await chats.sendMessage(
        { user_id: userId, question: text, chat_id: chat, session_id: null, flow: flow ?? null },
        (event) => {
          if (event.type === "agent_response")
            replies.push({
              text: event.content,
              ...(event.quick_replies && { quickReplies: event.quick_replies }),
            });
          else if (event.type === "error") failure = `${event.message} (${event.code})`;
        },
      );
      return { chatId: chat, replies, ...(failure !== undefined && { failure }) };
    },
    reset: (chatId, userId) => chats.resetChat(chatId, userId),
  };
}
