import type { Kysely } from "kysely";

/** What a new team starts with: the replies the studio kept in the browser before. */
const STARTERS = [
  "Hi, thanks for waiting. How can I help?",
  "Let me check that for you; one moment please.",
  "Is there anything else I can help you with?",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("canned_replies")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  const at = new Date().toISOString();
  await (db as Kysely<Record<string, Record<string, unknown>>>)
    .insertInto("canned_replies")
    .values(
      STARTERS.map((text, position) => ({
        id: crypto.randomUUID(),
        position,
        text,
        updated_by: "switchboard",
        updated_at: at,
      })),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("canned_replies").execute();
}
