import { type Kysely, sql } from "kysely";

/**
 * Each chat counts its messages: adding messages then takes their positions from the update that
 * sets the chat's preview, instead of a read of the highest position first.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("chats")
    .addColumn("message_count", "integer", (column) => column.notNull().defaultTo(0))
    .execute();
  await sql`update chats set message_count = (
    select coalesce(max(seq), 0) from chat_messages where chat_messages.chat_id = chats.id
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("chats").dropColumn("message_count").execute();
}
