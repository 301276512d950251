import type { Kysely } from "kysely";
import type { Tables } from "../db/index.ts";

/** The chat a user's conversation, named by the client, runs in. */
export async function findConversationChat(
  db: Kysely<Tables>,
  userId: string,
  key: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("apiConversations")
    .select("chatId")
    .where("userId", "=", userId)
    .where("key", "=", key)
    .executeTakeFirst();
  return row?.chatId;
}

/**
 * Remembers the chat of a client's conversation. The first chat stays: of two first messages
 * sent at once, the later one's chat is left on its own.
 */
export async function rememberConversationChat(
  db: Kysely<Tables>,
  userId: string,
  key: string,
  chatId: string,
): Promise<void> {
  await db
    .insertInto("apiConversations")
    .values({ userId, key, chatId, createdAt: new Date().toISOString() })
    .onConflict((oc) => oc.columns(["userId", "key"]).doNothing())
    .execute();
}
