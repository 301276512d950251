import type { Kysely } from "kysely";
import type { Tables } from "../db/index.ts";
import type { WhatsAppContact } from "./whatsapp.table.ts";

/**
 * Records that a phone wrote, with its current profile name (kept when a message comes without
 * one), and returns what is known of it: the chat its messages go to, once there is one.
 */
export async function rememberContact(
  db: Kysely<Tables>,
  waId: string,
  profileName: string | null,
  now = new Date(),
): Promise<WhatsAppContact> {
  const at = now.toISOString();
  return db
    .insertInto("whatsappContacts")
    .values({ waId, profileName, chatId: null, firstSeenAt: at, lastSeenAt: at })
    .onConflict((conflict) =>
      conflict.column("waId").doUpdateSet((eb) => ({
        lastSeenAt: at,
        profileName: profileName ?? eb.ref("whatsappContacts.profileName"),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Points the phone at the chat its messages go to from now on. */
export async function setContactChat(
  db: Kysely<Tables>,
  waId: string,
  chatId: string,
): Promise<void> {
  await db.updateTable("whatsappContacts").set({ chatId }).where("waId", "=", waId).execute();
}

export async function findContact(
  db: Kysely<Tables>,
  waId: string,
): Promise<WhatsAppContact | undefined> {
  return db.selectFrom("whatsappContacts").selectAll().where("waId", "=", waId).executeTakeFirst();
}

/** The phone whose chat this is, for sending it what happens in the chat. */
export async function findContactByChat(
  db: Kysely<Tables>,
  chatId: string,
): Promise<WhatsAppContact | undefined> {
  return db
    .selectFrom("whatsappContacts")
    .selectAll()
    .where("chatId", "=", chatId)
    .executeTakeFirst();
}

/** Every chat a phone talks in, to follow them all again after a restart. */
export async function listContactChats(db: Kysely<Tables>): Promise<string[]> {
  const rows = await db
    .selectFrom("whatsappContacts")
    .select("chatId")
    .where("chatId", "is not", null)
    .execute();
  return rows.flatMap((row) => (row.chatId === null ? [] : [row.chatId]));
}
