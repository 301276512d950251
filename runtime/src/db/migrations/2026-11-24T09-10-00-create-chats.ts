import type { Kysely } from "kysely";
import type { ColumnTypes } from "./column-types.ts";

export async function up(db: Kysely<unknown>, { key }: ColumnTypes): Promise<void> {
  await db.schema
    .createTable("chats")
    .addColumn("id", key, (c) => c.primaryKey())
    .addColumn("user_id", key, (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("title", "text")
    .addColumn("preview", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("chats_user_updated")
    .on("chats")
    .columns(["user_id", "updated_at"])
    .execute();

  await db.schema
    .createTable("chat_sessions")
    .addColumn("id", key, (c) => c.primaryKey())
    .addColumn("chat_id", key, (c) => c.notNull().references("chats.id").onDelete("cascade"))
    .addColumn("flow_id", "text", (c) => c.notNull())
    .addColumn("flow_version", "integer", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("last_activity_at", "text", (c) => c.notNull())
    .addColumn("ended_at", "text")
    .addColumn("end_reason", "text")
    .execute();
  await db.schema
    .createIndex("chat_sessions_chat_started")
    .on("chat_sessions")
    .columns(["chat_id", "started_at"])
    .execute();

  await db.schema
    .createTable("chat_messages")
    .addColumn("chat_id", key, (c) => c.notNull().references("chats.id").onDelete("cascade"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("message_id", key, (c) => c.notNull().unique())
    .addColumn("session_id", key)
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("node_path", "text")
    .addColumn("channel_message_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("chat_messages_pk", ["chat_id", "seq"])
    .execute();
  await db.schema
    .createIndex("chat_messages_channel_message")
    .on("chat_messages")
    .columns(["chat_id", "channel_message_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("chat_messages").execute();
  await db.schema.dropTable("chat_sessions").execute();
  await db.schema.dropTable("chats").execute();
}
