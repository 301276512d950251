import type { Kysely } from "kysely";

/**
 * Runs `work` in a transaction: the caller's when `db` already is one (Kysely doesn't nest
 * them), else a new one. Lets a repository function be atomic alone and part of a larger unit.
 */
export function inTransaction<DB, T>(
  db: Kysely<DB>,
  work: (trx: Kysely<DB>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
