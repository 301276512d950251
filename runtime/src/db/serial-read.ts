import { type Kysely, PostgresAdapter, sql } from "kysely";
import { inTransaction } from "./in-transaction.ts";

/**
 * Runs a read that walks an index to a short page (a LIMIT) without PostgreSQL's parallel
 * workers: the planner may start one for it, and starting it costs more than the walk (about
 * 100 ms against 13 ms for a figure's conversations on a busy machine; `bench:analytics`). The
 * setting holds to the end of the transaction, so `read` runs in one of its own unless given one.
 * SQLite has no parallel workers and reads as it is.
 */
export function serialRead<DB, T>(
  db: Kysely<DB>,
  read: (db: Kysely<DB>) => Promise<T>,
): Promise<T> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return read(db);
  return inTransaction(db, async (trx) => {
    await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
    return read(trx);
  });
}
