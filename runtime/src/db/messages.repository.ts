import type { Kysely } from "kysely";
import type { ChatMessage, MessageRole } from "./chat.table.ts";
import { inTransaction } from "./in-transaction.ts";
import { preparedQuery } from "./prepared-query.ts";
import type { Tables } from "./tables.ts";

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
    // Updating the chat first locks its row on PostgreSQL, so concurrent writers wait their turn
    // for the next position instead of failing on it. (SQLite has one writer at a time anyway.)
    await updatePreview(trx, {
      chatId,
      preview: last.content.slice(0, PREVIEW_LENGTH),
      updatedAt: createdAt,
    });
    const [highest] = await highestSeq(trx, { chatId });
    const rows: ChatMessage[] = messages.map((message, index) => ({
      chatId,
      seq: Number(highest?.maxSeq ?? 0) + index + 1,
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

// Prepared: every turn adds messages twice, the user's and the replies.
const updatePreview = preparedQuery(
  (db, { chatId, preview, updatedAt }: { chatId: string; preview: string; updatedAt: string }) =>
    db.updateTable("chats").set({ preview, updatedAt }).where("id", "=", chatId),
);
const highestSeq = preparedQuery((db, { chatId }: { chatId: string }) =>
  db
    .selectFrom("chatMessages")
    .select((eb) => eb.fn.max("seq").as("maxSeq"))
    .where("chatId", "=", chatId),
);
const insertMessages = preparedQuery((db, rows: ChatMessage[]) =>
  db.insertInto("chatMessages").values(rows),
);

/**
 * A page of a chat's messages in the order they were written: the latest `limit` ones, or with
 * `before` (a `seq`) the ones just before it — pass the first message's `seq` to page back.
 */
export async function listMessages(
  db: Kysely<Tables>,
  chatId: string,
  { limit = 50, before }: { limit?: number; before?: number } = {},
): Promise<ChatMessage[]> {
  let query = db
    .selectFrom("chatMessages")
    .selectAll()
    .where("chatId", "=", chatId)
    .orderBy("seq", "desc")
    .limit(limit);
  if (before !== undefined) query = query.where("seq", "<", before);
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
