import type { Kysely } from "kysely";
import type { ColumnTypes } from "./column-types.ts";

export async function up(db: Kysely<unknown>, { key }: ColumnTypes): Promise<void> {
  await db.schema
    .createTable("handoffs")
    .addColumn("id", key, (c) => c.primaryKey())
    .addColumn("chat_id", key, (c) => c.notNull().references("chats.id").onDelete("cascade"))
    .addColumn("reason", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("outcome", "text")
    .addColumn("opened_at", "text", (c) => c.notNull())
    .addColumn("answered_at", "text")
    .addColumn("closed_at", "text")
    .execute();
  await db.schema
    .createIndex("handoffs_status_opened")
    .on("handoffs")
    .columns(["status", "opened_at"])
    .execute();

  await db.schema
    .createTable("handoff_replies")
    .addColumn("handoff_id", key, (c) => c.notNull().references("handoffs.id").onDelete("cascade"))
    .addColumn("message_id", key, (c) =>
      c.notNull().references("chat_messages.message_id").onDelete("cascade"),
    )
    .addColumn("agent", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("handoff_replies_pk", ["handoff_id", "message_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("handoff_replies").execute();
  await db.schema.dropTable("handoffs").execute();
}
