import type { Kysely } from "kysely";
import type { Handoff } from "../db/handoffs.repository.ts";
import type { Tables } from "../db/tables.ts";

/** The chat's handoff that is not closed, if any (there is at most one). */
export async function findOpenHandoff(
  db: Kysely<Tables>,
  chatId: string,
): Promise<Handoff | undefined> {
  return db
    .selectFrom("handoffs")
    .selectAll()
    .where("chatId", "=", chatId)
    .where("status", "!=", "closed")
    .executeTakeFirst();
}

/** Whether the session belongs to the chat. */
export async function isSessionOfChat(
  db: Kysely<Tables>,
  chatId: string,
  sessionId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("chatSessions")
    .select("id")
    .where("id", "=", sessionId)
    .where("chatId", "=", chatId)
    .executeTakeFirst();
  return row !== undefined;
}
