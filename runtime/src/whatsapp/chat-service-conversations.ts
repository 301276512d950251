import type { ChatService } from "../conversations/index.ts";
import { createChat, listChats } from "../conversations/index.ts";
import type { Database } from "../db/index.ts";
import { describeError } from "../errors.ts";
import type { OutgoingReply } from "./to-graph-messages.ts";
import type { WhatsAppConversations } from "./whatsapp-conversations.ts";

export interface ChatServiceConversationsOptions {
  database: Database;
  chats: ChatService;
  /** The flow a WhatsApp chat's new session talks to, read at each message (bindings change). */
  flow: () => Promise<string>;
}

const CHANNEL = "whatsapp";

/**
 * WhatsApp conversations run by the runtime's chat service, as the web chat's are: the same
 * flows, sessions (a new one after 24 hours without a message), transcripts, handoffs and rate
 * limit. A phone's first message opens its chat on the `whatsapp` channel, titled with the
 * profile name.
 *
 * @example
 * const conversations = chatServiceConversations({ database, chats, flow: async () => "support" });
 */
export function chatServiceConversations({
  database,
  chats,
  flow,
}: ChatServiceConversationsOptions): WhatsAppConversations {
  return {
    async respond({ userId, chatId, text, wamid, profileName, onCommit }) {
      // One chat per phone: a chat opened by an earlier try that failed before the contact
      // remembered it is the phone's chat.
      const [opened] = chatId
        ? []
        : await listChats(database.db, { userId, channel: CHANNEL }, { limit: 1 });
      const chat =
        chatId ??
        opened?.id ??
        (
          await createChat(database.db, {
            userId,
            channel: CHANNEL,
            ...(profileName !== null && { title: profileName }),
          })
        ).id;
      const replies: OutgoingReply[] = [];
      let failure: string | undefined;
      let handoffOpened = false;
      await chats.sendMessage(
        {
          userId,
          channel: CHANNEL,
          text,
          channelMessageId: wamid,
          chatId: chat,
          flow: await flow(),
          // The replies were all reported before the turn commits.
          ...(onCommit && {
            onCommit: (trx) => onCommit(trx, { chatId: chat, replies, handoffOpened }),
          }),
        },
        (event) => {
          if (event.type === "reply")
            replies.push({
              text: event.text,
              ...(event.quickReplies && { quickReplies: event.quickReplies }),
            });
          else if (event.type === "handoff" && event.handoff.status === "open")
            handoffOpened = true;
          else if (event.type === "turn_failed") {
            const { code, message } = describeError(event.error);
            failure = `${message} (${code})`;
          }
        },
      );
      return { chatId: chat, replies, ...(failure !== undefined && { failure }) };
    },
    reset: (chatId, userId) => chats.resetChat(chatId, { userId, channel: CHANNEL }),
  };
}
