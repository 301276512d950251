import type { Kysely } from "kysely";
import type { ColumnTypes } from "./column-types.ts";

export async function up(db: Kysely<unknown>, { key }: ColumnTypes): Promise<void> {
  // No foreign key to chats: a studio test run has no chat, and runs outlive deleted chats.
  await db.schema
    .createTable("runs")
    .addColumn("id", key, (c) => c.primaryKey())
    .addColumn("chat_id", key)
    .addColumn("thread_id", key, (c) => c.notNull())
    .addColumn("flow_id", "text", (c) => c.notNull())
    .addColumn("flow_version", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("error", "text")
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("duration_ms", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("runs_chat_started")
    .on("runs")
    .columns(["chat_id", "started_at"])
    .execute();

  await db.schema
    .createTable("run_nodes")
    .addColumn("run_id", key, (c) => c.notNull().references("runs.id").onDelete("cascade"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("node_id", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("duration_ms", "integer", (c) => c.notNull())
    .addColumn("error", "text")
    .addPrimaryKeyConstraint("run_nodes_pk", ["run_id", "seq"])
    .execute();

  await db.schema
    .createTable("run_model_calls")
    .addColumn("run_id", key, (c) => c.notNull().references("runs.id").onDelete("cascade"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("node_id", "text", (c) => c.notNull())
    .addColumn("model", "text", (c) => c.notNull())
    .addColumn("input_tokens", "integer", (c) => c.notNull())
    .addColumn("output_tokens", "integer", (c) => c.notNull())
    .addColumn("duration_ms", "integer", (c) => c.notNull())
    .addColumn("error", "text")
    .addPrimaryKeyConstraint("run_model_calls_pk", ["run_id", "seq"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("run_model_calls").execute();
  await db.schema.dropTable("run_nodes").execute();
  await db.schema.dropTable("runs").execute();
}
