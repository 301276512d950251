import type { Kysely } from "kysely";
import type { ColumnTypes } from "./column-types.ts";

/**
 * What a turn was given and what it produced, kept with its run so it can be replayed against
 * another version of the flow: the input, the outcome, the chat models' answers and the `http`
 * nodes' responses (each bounded in size).
 */
export async function up(db: Kysely<unknown>, { key }: ColumnTypes): Promise<void> {
  await db.schema
    .createTable("run_recordings")
    .addColumn("run_id", key, (c) => c.primaryKey().references("runs.id").onDelete("cascade"))
    .addColumn("input", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("model_answers", "text", (c) => c.notNull())
    .addColumn("http_responses", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("runs_thread_started")
    .on("runs")
    .columns(["thread_id", "started_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("runs_thread_started").execute();
  await db.schema.dropTable("run_recordings").execute();
}
