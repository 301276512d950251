import type { Kysely } from "kysely";
import type { Tables } from "../db/index.ts";
import { inTransaction, preparedQuery } from "../db/index.ts";
import type { ChatMessage, MessageRole } from "./chat.table.ts";

/** How long a chat's preview of its last message gets. */
const PREVIEW_LENGTH = 120;

export interface NewMessage {
  role: MessageRole;
  content: string;
  /** Defaults to a random UUID. */
  messageId?: string;
  sessionId?: string;
  nodePath?: string;
  channelMessageId?: string;
}

/**
 * Appends messages to a chat, in order, and makes the last one the chat's preview.
 */
export async function addMessages(
  db: Kysely<Tables>,
  chatId: string,
  messages: NewMessage[],
  now = new Date(),
): Promise<ChatMessage[]> {
  const last = messages.at(-1);
  if (last === undefined) return [];
  const createdAt = now.toISOString();
  return inTransaction(db, async (trx) => {
    // Counting them on the chat's row also locks it on PostgreSQL, so concurrent writers wait
    // their turn for the next positions instead of failing on them. (SQLite has one writer.)
    const [chat] = await countMessages(trx, {
      chatId,
      added: messages.length,
      preview: last.content.slice(0, PREVIEW_LENGTH),
      updatedAt: createdAt,
    });
    if (!chat) throw new RangeError(`There is no chat ${chatId} to add messages to.`);
    const first = chat.messageCount - messages.length + 1;
    const rows: ChatMessage[] = messages.map((message, index) => ({
      chatId,
      seq: first + index,
      messageId: message.messageId ?? crypto.randomUUID(),
      sessionId: message.sessionId ?? null,
      role: message.role,
      content: message.content,
      nodePath: message.nodePath ?? null,
      channelMessageId: message.channelMessageId ?? null,
      createdAt,
    }));
    await insertMessages(trx, rows);
    return rows;
  });
}

/**
 * The chat's last message when it is the channel's message with this id (e.g. WhatsApp's wamid):
 * a turn cut short by a crash left its message last, as nothing runs in the chat until it is
 * run again. One row read by the chat's key, not a search of its history.
 */
export async function findUnansweredChannelMessage(
  db: Kysely<Tables>,
  chatId: string,
  channelMessageId: string,
): Promise<ChatMessage | undefined> {
  const last = await db
    .selectFrom("chatMessages")
    .selectAll()
    .where("chatId", "=", chatId)
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  return last?.channelMessageId === channelMessageId ? last : undefined;
}

// Prepared: every turn adds messages twice, the user's and the replies.
const countMessages = preparedQuery(
  (
    db,
    {
      chatId,
      added,
      preview,
      updatedAt,
    }: { chatId: string; added: number; preview: string; updatedAt: string },
  ) =>
    db
      .updateTable("chats")
      .set((eb) => ({ preview, updatedAt, messageCount: eb("messageCount", "+", added) }))
      .where("id", "=", chatId)
      .returning("messageCount"),
);
const insertMessages = preparedQuery((db, rows: ChatMessage[]) =>
  db.insertInto("chatMessages").values(rows),
);

/** A message as a chat's history shows it: a human agent's carries their name. */
export type HistoryMessage = ChatMessage & { agent: string | null };

/**
 * A page of a chat's messages in the order they were written: the latest `limit` ones, or with
 * `before` (a `seq`) the ones just before it — pass the first message's `seq` to page back.
 */
export async function listMessages(
  db: Kysely<Tables>,
  chatId: string,
  { limit = 50, before }: { limit?: number; before?: number } = {},
): Promise<HistoryMessage[]> {
  let query = db
    .selectFrom("chatMessages")
    .leftJoin("handoffReplies", "handoffReplies.messageId", "chatMessages.messageId")
    .selectAll("chatMessages")
    .select("handoffReplies.agent")
    .where("chatMessages.chatId", "=", chatId)
    .orderBy("chatMessages.seq", "desc")
    .limit(limit);
  if (before !== undefined) query = query.where("chatMessages.seq", "<", before);
  return (await query.execute()).reverse();
}

/** Whether the channel already delivered this message, so a redelivery isn't answered twice. */
export async function hasChannelMessage(
  db: Kysely<Tables>,
  chatId: string,
  channelMessageId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("chatMessages")
    .select("seq")
    .where("chatId", "=", chatId)
    .where("channelMessageId", "=", channelMessageId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The chat a message (a user turn's id is its message's) was written in, if any. */
export async function findMessageChatId(
  db: Kysely<Tables>,
  messageId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("chatMessages")
    .select("chatId")
    .where("messageId", "=", messageId)
    .executeTakeFirst();
  return row?.chatId;
}
