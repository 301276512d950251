import { SQLiteError, Database as SqliteFile } from "bun:sqlite";
import { type Compilable, sql } from "kysely";
import type { Database } from "../db/index.ts";
import type { InboxMessage } from "./whatsapp.table.ts";
import {
  acceptIncoming,
  insertInboxRows,
  keepInserted,
  type NewIncoming,
  toInboxRows,
} from "./whatsapp-inbox.repository.ts";
import {
  type DeliveryUpdate,
  deliveryQueries,
  recordDeliveries,
} from "./whatsapp-outbox.repository.ts";

/** How long a write waits for a transaction of the main connection to end before giving up. */
const BUSY_DEADLINE_MS = 5_000;

/** Writes what the webhook receives: the inbox's messages and the status updates. */
export interface InboxWriter {
  /** As `acceptIncoming`. */
  accept(messages: NewIncoming[]): Promise<InboxMessage[]>;
  /** As `recordDeliveries`. */
  recordDeliveries(updates: DeliveryUpdate[]): Promise<void>;
  close(): void;
}

/**
 * The webhook's writes, which must land in milliseconds however busy the conversations are. On
 * PostgreSQL they take a connection of the pool like any query. On SQLite the database's one
 * connection serves every query in turn, and a webhook that queued behind a running turn's
 * dozens would wait for all of them; so the writes go through a connection of their own, each
 * in one synchronous step (never holding the file's write lock while other code runs) and, while
 * the main connection is inside a transaction, tried again on the next turn of the event loop.
 *
 * @example
 * const writer = await createInboxWriter(database);
 * const fresh = await writer.accept(messages);
 */
export async function createInboxWriter(database: Database): Promise<InboxWriter> {
  const { db } = database;
  const pooled: InboxWriter = {
    accept: (messages) => acceptIncoming(db, messages),
    recordDeliveries: (updates) => recordDeliveries(db, updates),
    close: () => {},
  };
  if (database.dialect !== "sqlite") return pooled;
  const { rows } = await sql<{ name: string; file: string }>`pragma database_list`.execute(db);
  const path = rows.find((row) => row.name === "main")?.file;
  // An in-memory database has no file a second connection could open.
  if (!path) return pooled;

  const file = new SqliteFile(path);
  // Busy means the main connection is mid-transaction: wait for it here, never by blocking.
  for (const pragma of ["busy_timeout = 0", "synchronous = NORMAL", "foreign_keys = ON"])
    file.run(`pragma ${pragma}`);
  const all = (query: Compilable<unknown>) => {
    const { sql: text, parameters } = query.compile();
    return file.query(text).all(...(parameters as never[]));
  };
  const whenFree = async <T>(write: () => T): Promise<T> => {
    const deadline = Date.now() + BUSY_DEADLINE_MS;
    for (;;) {
      try {
        return write();
      } catch (error) {
        if (
          !(error instanceof SQLiteError && error.code === "SQLITE_BUSY") ||
          Date.now() > deadline
        )
          throw error;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  };

  return {
    async accept(messages) {
      if (messages.length === 0) return [];
      const inboxRows = toInboxRows(messages);
      const inserted = await whenFree(() => all(insertInboxRows(db, inboxRows)));
      return keepInserted(inboxRows, inserted as { wamid: string }[]);
    },
    async recordDeliveries(updates) {
      if (updates.length === 0) return;
      const queries = deliveryQueries(db, updates);
      await whenFree(() =>
        file.transaction(() => {
          for (const query of queries) all(query);
        })(),
      );
    },
    close: () => file.close(),
  };
}
