import type { Kysely } from "kysely";
import type { ColumnTypes } from "./column-types.ts";

export async function up(db: Kysely<unknown>, { key, bytes }: ColumnTypes): Promise<void> {
  await db.schema
    .createTable("intent_models")
    .addColumn("key", key, (c) => c.primaryKey())
    .addColumn("bytes", bytes, (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("intent_models").execute();
}
