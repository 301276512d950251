import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { CompiledQuery, type Dialect } from "kysely";
import { BunSqliteDialect } from "./bun-sqlite-dialect.ts";
import { YieldingDialect } from "./yielding-dialect.ts";

/** How long a write waits for another process's write lock before SQLite reports it busy. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * An embedded SQLite file through `bun:sqlite`, on the main thread: the queries are short, and a
 * worker would cost a message round trip on each of them.
 */
export function createSqliteDialect(path: string): Dialect {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
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
      ]) {
        await connection.executeQuery(CompiledQuery.raw(`pragma ${pragma}`));
      }
    },
  });
  return new YieldingDialect(dialect);
}
