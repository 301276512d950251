import type { Kysely } from "kysely";
import type { ColumnTypes } from "./column-types.ts";

/**
 * What analytics reads of a turn, written with its run: the user's message it answered, how it
 * came out (answered, fallback, no answer, handed off, failed) and the intent it was classified
 * as; users' feedback on turns; and the indexes that keep the analytics queries fast. Runs
 * recorded before this migration have no outcome and count as no user's turn.
 */
export async function up(db: Kysely<unknown>, { key }: ColumnTypes): Promise<void> {
  await db.schema.alterTable("runs").addColumn("message_id", key).execute();
  await db.schema.alterTable("runs").addColumn("outcome", "text").execute();
  await db.schema.alterTable("runs").addColumn("intent", "text").execute();
  // Covering (the aggregates read no table row) for one flow's or one version's turns by time…
  await db.schema
    .createIndex("runs_flow_analytics")
    .on("runs")
    .columns(["flow_id", "flow_version", "started_at", "outcome", "intent"])
    .execute();
  // … and for every flow's.
  await db.schema
    .createIndex("runs_started_analytics")
    .on("runs")
    .columns(["started_at", "outcome", "intent", "flow_id", "flow_version"])
    .execute();
  // A conversation's (session's) turns and whether one was handed off.
  await db.schema
    .createIndex("runs_thread_outcome")
    .on("runs")
    .columns(["thread_id", "outcome"])
    .execute();
  await db.schema.createIndex("runs_message").on("runs").column("message_id").execute();
  await db.schema
    .createIndex("chat_sessions_flow_started")
    .on("chat_sessions")
    .columns(["flow_id", "flow_version", "started_at"])
    .execute();
  await db.schema
    .createIndex("chat_sessions_started")
    .on("chat_sessions")
    .columns(["started_at", "flow_id", "flow_version"])
    .execute();

  await db.schema
    .createTable("feedback")
    .addColumn("message_id", key, (c) => c.primaryKey())
    .addColumn("chat_id", key, (c) => c.notNull().references("chats.id").onDelete("cascade"))
    .addColumn("score", "real", (c) => c.notNull())
    .addColumn("comment", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("feedback").execute();
  for (const index of [
    "chat_sessions_started",
    "chat_sessions_flow_started",
    "runs_message",
    "runs_thread_outcome",
    "runs_started_analytics",
    "runs_flow_analytics",
  ])
    await db.schema.dropIndex(index).execute();
  for (const column of ["intent", "outcome", "message_id"])
    await db.schema.alterTable("runs").dropColumn(column).execute();
}
