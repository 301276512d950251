import type { Kysely } from "kysely";
import type { Tables } from "../db/index.ts";
import type { FeedbackTable } from "./feedback.table.ts";

/** Stores a user's feedback on a turn; feedback sent again for the same turn replaces it. */
export async function saveFeedback(
  db: Kysely<Tables>,
  feedback: Omit<FeedbackTable, "createdAt">,
  at = new Date(),
): Promise<void> {
  const row = { ...feedback, createdAt: at.toISOString() };
  await db
    .insertInto("feedback")
    .values(row)
    .onConflict((conflict) =>
      conflict
        .column("messageId")
        .doUpdateSet({ score: row.score, comment: row.comment, createdAt: row.createdAt }),
    )
    .execute();
}
