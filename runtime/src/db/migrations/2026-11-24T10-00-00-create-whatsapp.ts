import type { Kysely } from "kysely";
import type { ColumnTypes } from "./column-types.ts";

export async function up(db: Kysely<unknown>, { key }: ColumnTypes): Promise<void> {
  await db.schema
    .createTable("whatsapp_inbox")
    .addColumn("wamid", key, (c) => c.primaryKey())
    .addColumn("wa_id", key, (c) => c.notNull())
    .addColumn("phone_number_id", "text", (c) => c.notNull())
    .addColumn("profile_name", "text")
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("sent_at", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("turn_id", key)
    .addColumn("chat_id", key)
    .addColumn("read_at", "text")
    .addColumn("read_error", "text")
    .addColumn("error", "text")
    .addColumn("finished_at", "text")
    .execute();
  // Recovery after a restart looks for what is not finished, oldest first.
  await db.schema
    .createIndex("whatsapp_inbox_status_received")
    .on("whatsapp_inbox")
    .columns(["status", "received_at"])
    .execute();

  await db.schema
    .createTable("whatsapp_outbox")
    .addColumn("id", key, (c) => c.primaryKey())
    .addColumn("turn_id", key)
    .addColumn("chat_id", key)
    .addColumn("wa_id", key, (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("wamid", key, (c) => c.unique())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("error_code", "integer")
    .addColumn("error", "text")
    .addColumn("delivery", "text")
    .addColumn("delivery_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("whatsapp_outbox_turn")
    .on("whatsapp_outbox")
    .columns(["turn_id", "position"])
    .execute();
  await db.schema
    .createIndex("whatsapp_outbox_status_created")
    .on("whatsapp_outbox")
    .columns(["status", "created_at"])
    .execute();

  await db.schema
    .createTable("whatsapp_statuses")
    .addColumn("wamid", key, (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("recipient_id", "text", (c) => c.notNull())
    .addColumn("occurred_at", "text", (c) => c.notNull())
    .addColumn("errors", "text")
    .addColumn("received_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("whatsapp_statuses_pk", ["wamid", "status"])
    .execute();

  await db.schema
    .createTable("whatsapp_contacts")
    .addColumn("wa_id", key, (c) => c.primaryKey())
    .addColumn("profile_name", "text")
    .addColumn("chat_id", key, (c) => c.references("chats.id").onDelete("set null"))
    .addColumn("first_seen_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .execute();
  // A human agent's message in a chat finds its way to the phone through this.
  await db.schema
    .createIndex("whatsapp_contacts_chat")
    .on("whatsapp_contacts")
    .column("chat_id")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("whatsapp_contacts").execute();
  await db.schema.dropTable("whatsapp_statuses").execute();
  await db.schema.dropTable("whatsapp_outbox").execute();
  await db.schema.dropTable("whatsapp_inbox").execute();
}
