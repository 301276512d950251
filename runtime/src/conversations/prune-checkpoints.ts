import type { Kysely } from "kysely";
import type { Tables } from "../db/index.ts";
import { inTransaction } from "../db/index.ts";
import { SESSION_INACTIVITY_MS } from "./sessions.repository.ts";

/**
 * Retention: deletes the checkpoints of sessions that closed before `olderThan` (ended, or idle
 * past the 24-hour session window), the graph state no conversation can resume into any more.
 * Messages, sessions and runs stay.
 *
 * @returns how many sessions' checkpoints were deleted
 * @example
 * await pruneCheckpoints(database.db, new Date(Date.now() - 30 * 24 * 60 * 60 * 1000));
 */
export async function pruneCheckpoints(
  db: Kysely<Tables>,
  olderThan: Date,
  now = new Date(),
): Promise<number> {
  // A session nobody ended is closed once it has been idle for the whole window.
  const idleSince = new Date(Math.min(olderThan.getTime(), now.getTime() - SESSION_INACTIVITY_MS));
  const closed = await db
    .selectFrom("chatSessions")
    .select("id")
    .where((eb) =>
      eb.or([
        eb("endedAt", "<", olderThan.toISOString()),
        eb.and([eb("endedAt", "is", null), eb("lastActivityAt", "<", idleSince.toISOString())]),
      ]),
    )
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("checkpoints").select("threadId").whereRef("threadId", "=", "chatSessions.id"),
      ),
    )
    .execute();
  const threadIds = closed.map(({ id }) => id);
  // In slices, to stay under the databases' limits on query parameters.
  for (let start = 0; start < threadIds.length; start += 500) {
    const slice = threadIds.slice(start, start + 500);
    await inTransaction(db, async (trx) => {
      for (const table of ["checkpointWrites", "checkpointBlobs", "checkpoints"] as const) {
        await trx.deleteFrom(table).where("threadId", "in", slice).execute();
      }
    });
  }
  return threadIds.length;
}
