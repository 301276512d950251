import type { Generated, Selectable } from "kysely";

/** A conversation of one user on one channel, the unit the studio and the chat list show. */
export interface ChatTable {
  id: string;
  userId: string;
  /** Where the user talks to the agent: "web", "whatsapp", "studio", … */
  channel: string;
  title: string | null;
  /** The last message, shortened, for chat lists. */
  preview: string | null;
  /** How many messages the chat has: the last one's `seq`. */
  messageCount: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export type SessionEndReason = "inactivity" | "reset";

/**
 * A stretch of a chat served by one flow version; its id is the LangGraph thread id, so a new
 * session starts the graph afresh (on the version published at that moment) while the chat's
 * messages carry on.
 */
export interface ChatSessionTable {
  id: string;
  chatId: string;
  flowId: string;
  flowVersion: number;
  startedAt: string;
  lastActivityAt: string;
  endedAt: string | null;
  endReason: SessionEndReason | null;
}

/** Who wrote a message: the user, the flow, a human agent taking over, or the system. */
export type MessageRole = "user" | "assistant" | "agent" | "system";

export interface ChatMessageTable {
  chatId: string;
  /** Position in the chat, from 1; the order messages are shown in and the pagination cursor. */
  seq: number;
  messageId: string;
  sessionId: string | null;
  role: MessageRole;
  content: string;
  /** The flow node that produced the message, e.g. "support/answer". */
  nodePath: string | null;
  /** The channel's own id for the message (WhatsApp's wamid), to drop redelivered messages. */
  channelMessageId: string | null;
  createdAt: string;
}

export type Chat = Selectable<ChatTable>;
export type ChatMessage = Selectable<ChatMessageTable>;
