import type { Kysely } from "kysely";
import { inTransaction, type Tables } from "../db/index.ts";
import { countFeedback } from "./analytics-rollups.repository.ts";
import type { FeedbackTable } from "./feedback.table.ts";

/**
 * Stores a user's feedback on a turn; feedback sent again for the same turn replaces it, and the
 * analytics rollups count the change, not a second rating. Two ratings of one turn at once must
 * not both count as new: callers serialize them (a lock on the turn).
 */
export async function saveFeedback(
  db: Kysely<Tables>,
  feedback: Omit<FeedbackTable, "createdAt">,
  at = new Date(),
): Promise<void> {
  const row = { ...feedback, createdAt: at.toISOString() };
  await inTransaction(db, async (trx) => {
    const previous = await trx
      .selectFrom("feedback")
      .select("score")
      .where("messageId", "=", row.messageId)
      .executeTakeFirst();
    await trx
      .insertInto("feedback")
      .values(row)
      .onConflict((conflict) =>
        conflict
          .column("messageId")
          .doUpdateSet({ score: row.score, comment: row.comment, createdAt: row.createdAt }),
      )
      .execute();
    const before = previous?.score ?? 0;
    const sign = (score: number, direction: 1 | -1) => (Math.sign(score) === direction ? 1 : 0);
    await countFeedback(trx, {
      messageId: row.messageId,
      ratings: previous ? 0 : 1,
      scoreSum: row.score - before,
      positive: sign(row.score, 1) - sign(before, 1),
      negative: sign(row.score, -1) - sign(before, -1),
    });
  });
}
