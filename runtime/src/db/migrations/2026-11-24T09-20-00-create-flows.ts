import type { Kysely } from "kysely";
import type { ColumnTypes } from "./column-types.ts";

export async function up(db: Kysely<unknown>, { key }: ColumnTypes): Promise<void> {
  await db.schema
    .createTable("flows")
    .addColumn("id", key, (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("draft", "text")
    .addColumn("draft_updated_at", "text")
    .addColumn("published_version", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("flow_versions")
    .addColumn("flow_id", key, (c) => c.notNull().references("flows.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("definition", "text", (c) => c.notNull())
    .addColumn("author", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("flow_versions_pk", ["flow_id", "version"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("flow_versions").execute();
  await db.schema.dropTable("flows").execute();
}
