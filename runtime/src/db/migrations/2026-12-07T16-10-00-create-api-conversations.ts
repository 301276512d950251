import type { Kysely } from "kysely";
import type { ColumnTypes } from "./column-types.ts";

export async function up(db: Kysely<unknown>, { key }: ColumnTypes): Promise<void> {
  await db.schema
    .createTable("api_conversations")
    .addColumn("user_id", key, (c) => c.notNull())
    .addColumn("key", key, (c) => c.notNull())
    .addColumn("chat_id", key, (c) => c.notNull().references("chats.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("api_conversations_pk", ["user_id", "key"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("api_conversations").execute();
}
