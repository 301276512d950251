import type { Kysely, Selectable } from "kysely";
import type { Tables } from "../db/index.ts";
import { inTransaction } from "../db/index.ts";
import type { CannedReplyTable } from "./canned-reply.table.ts";

export type CannedReply = Selectable<CannedReplyTable>;

/** The team's canned replies, in their order. */
export function listCannedReplies(db: Kysely<Tables>): Promise<CannedReply[]> {
  return db.selectFrom("cannedReplies").selectAll().orderBy("position").execute();
}

/** Replaces the team's canned replies with these texts, in this order, all or nothing. */
export async function replaceCannedReplies(
  db: Kysely<Tables>,
  texts: readonly string[],
  updatedBy: string,
): Promise<CannedReply[]> {
  const updatedAt = new Date().toISOString();
  const rows = texts.map((text, position) => ({
    id: crypto.randomUUID(),
    position,
    text,
    updatedBy,
    updatedAt,
  }));
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom("cannedReplies").execute();
    if (rows.length > 0) await trx.insertInto("cannedReplies").values(rows).execute();
  });
  return rows;
}
