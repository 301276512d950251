import type { Kysely } from "kysely";
import type { ColumnTypes } from "./column-types.ts";

/**
 * Knowledge bases in the database, one copy per flow version (`version` 0: the draft's), and
 * the route each node of a run took, so questions that fell to `no_answer` can be found.
 */
export async function up(db: Kysely<unknown>, { key }: ColumnTypes): Promise<void> {
  await db.schema
    .createTable("knowledge_bases")
    .addColumn("flow_id", key, (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("base_id", key, (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("knowledge_bases_pk", ["flow_id", "version", "base_id"])
    .execute();

  await db.schema
    .createTable("knowledge_entries")
    .addColumn("flow_id", key, (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("base_id", key, (c) => c.notNull())
    .addColumn("entry_id", key, (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("answer", "text", (c) => c.notNull())
    .addColumn("alternates", "text", (c) => c.notNull())
    .addColumn("tags", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("knowledge_entries_pk", ["flow_id", "version", "base_id", "entry_id"])
    .execute();

  await db.schema.alterTable("run_nodes").addColumn("route", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("run_nodes").dropColumn("route").execute();
  await db.schema.dropTable("knowledge_entries").execute();
  await db.schema.dropTable("knowledge_bases").execute();
}
