import type { Kysely } from "kysely";
import type { ColumnTypes } from "./column-types.ts";

export async function up(db: Kysely<unknown>, { key }: ColumnTypes): Promise<void> {
  await db.schema
    .createTable("channel_bindings")
    .addColumn("id", key, (c) => c.primaryKey())
    .addColumn("channel", "text", (c) => c.notNull())
    // A deleted flow takes its bindings with it: its ways in fall back to the default flow.
    .addColumn("flow_id", key, (c) => c.notNull().references("flows.id").onDelete("cascade"))
    .addColumn("settings", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("channel_bindings").execute();
}
