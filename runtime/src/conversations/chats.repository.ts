import type { Kysely } from "kysely";
import type { Tables } from "../db/index.ts";
import { preparedQuery } from "../db/index.ts";
import type { Chat } from "./chat.table.ts";
import type { ChatOwner } from "./chat-owner.ts";

export interface NewChat {
  /** Defaults to a random UUID; channels with their own conversation ids may pass them. */
  id?: string;
  userId: string;
  channel: string;
  title?: string;
}

export async function createChat(
  db: Kysely<Tables>,
  { id = crypto.randomUUID(), userId, channel, title }: NewChat,
  now = new Date(),
): Promise<Chat> {
  const at = now.toISOString();
  const chat: Chat = {
    id,
    userId,
    channel,
    title: title ?? null,
    preview: null,
    messageCount: 0,
    createdAt: at,
    updatedAt: at,
  };
  await db.insertInto("chats").values(chat).execute();
  return chat;
}

// Prepared: every message of a chat looks the chat up.
const chatById = preparedQuery((db, { id }: { id: string }) =>
  db.selectFrom("chats").selectAll().where("id", "=", id),
);

export async function findChatById(db: Kysely<Tables>, id: string): Promise<Chat | undefined> {
  const [chat] = await chatById(db, { id });
  return chat;
}

/**
 * A user's chats (on the owner's channel, when it names one), the most recently active first;
 * pass the last one's `updatedAt` as `before` for the next page.
 */
export async function listChats(
  db: Kysely<Tables>,
  { userId, channel }: ChatOwner,
  { limit = 50, before }: { limit?: number; before?: string } = {},
): Promise<Chat[]> {
  let query = db
    .selectFrom("chats")
    .selectAll()
    .where("userId", "=", userId)
    .orderBy("updatedAt", "desc")
    .orderBy("id", "desc")
    .limit(limit);
  if (channel !== undefined) query = query.where("channel", "=", channel);
  if (before !== undefined) query = query.where("updatedAt", "<", before);
  return query.execute();
}

/** Renames a chat; returns false when there is no such chat. */
export async function renameChat(db: Kysely<Tables>, id: string, title: string): Promise<boolean> {
  const { numUpdatedRows } = await db
    .updateTable("chats")
    .set({ title })
    .where("id", "=", id)
    .executeTakeFirst();
  return numUpdatedRows > 0n;
}
