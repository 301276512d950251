import type { Kysely } from "kysely";

/** Where Langfuse is configured, each run links to its trace there. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("runs").addColumn("trace_url", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("runs").dropColumn("trace_url").execute();
}
