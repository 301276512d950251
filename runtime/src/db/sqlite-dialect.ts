import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { CompiledQuery, type Dialect } from "kysely";
import { BunSqliteDialect } from "./bun-sqlite-dialect.ts";
import { startWalCheckpointer, type WalCheckpointer } from "./wal-checkpointer.ts";
import { YieldingDialect } from "./yielding-dialect.ts";

/** How long a write waits for another process's write lock before SQLite reports it busy. */
const BUSY_TIMEOUT_MS = 5_000;
/**
 * Pages in the write-ahead log before a commit checkpoints it itself: a backstop, ten times
 * SQLite's default, for when the background checkpointer falls behind.
 */
const WAL_AUTOCHECKPOINT_PAGES = 10_000;

/**
 * An embedded SQLite file through `bun:sqlite`, on the main thread: the queries are short, and a
 * worker would cost a message round trip on each of them.
 */
export function createSqliteDialect(path: string): Dialect {
  const file = path !== ":memory:";
  if (file) mkdirSync(dirname(path), { recursive: true });
  let checkpointer: WalCheckpointer | undefined;
  // Synchronous queries would keep a whole turn from yielding; see YieldingDialect.
  const dialect = new BunSqliteDialect({
    path,
    async onCreateConnection(connection) {
      // WAL lets readers (the studio) run beside the writer; NORMAL sync is durable against a
      // crash of the process, and only a power loss can drop the last commits.
      for (const pragma of [
        "journal_mode = WAL",
        `busy_timeout = ${BUSY_TIMEOUT_MS}`,
        "synchronous = NORMAL",
        "foreign_keys = ON",
        `wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`,
      ]) {
        await connection.executeQuery(CompiledQuery.raw(`pragma ${pragma}`));
      }
      if (file) checkpointer = startWalCheckpointer(path);
    },
    onDestroy: async () => checkpointer?.stop(),
  });
  return new YieldingDialect(dialect);
}
