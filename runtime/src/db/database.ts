import { type Dialect, Kysely, sql } from "kysely";
import { Migrator } from "kysely/migration";
import { parseDatabaseUrl } from "./database-url.ts";
import { SwitchboardMigrations } from "./migrations/index.ts";
import { CamelCaseResultsPlugin, SnakeCaseDialect } from "./snake-case-dialect.ts";
import { createSqliteDialect } from "./sqlite-dialect.ts";
import type { Tables } from "./tables.ts";
import { KeyedMutex } from "./thread-lock.ts";

export type DialectName = "sqlite" | "postgres";

/** The open database: a Kysely instance over every table, and the locks turns run under. */
export interface Database {
  db: Kysely<Tables>;
  dialect: DialectName;
  /**
   * Runs `task` while no other task holds the same key, in this process or (on PostgreSQL) any
   * other replica: two turns of one conversation never interleave, other conversations go on.
   */
  withThreadLock<T>(threadId: string, task: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Where the default SQLite file lives. */
  dataDir: string;
  /** PostgreSQL only: keep the tables in this schema, created when missing. */
  schema?: string;
  /** PostgreSQL only: the name its connections show in `pg_stat_activity`. */
  applicationName?: string;
}

/** Advisory locks are keyed by two integers; the first keeps Switchboard's apart from others'. */
const THREAD_LOCK_CLASS = 0x5b_0a_4d;

/**
 * Opens the database named by `DATABASE_URL` (see `parseDatabaseUrl`) and brings its tables up
 * to date, so the caller can use it at once.
 *
 * @example
 * const database = await openDatabase(process.env.DATABASE_URL, { dataDir: "data" });
 * const chats = await listChats(database.db, { userId: "user-1" });
 */
export async function openDatabase(
  url: string | undefined,
  { dataDir, schema, applicationName = "switchboard" }: OpenDatabaseOptions,
): Promise<Database> {
  const location = parseDatabaseUrl(url, { dataDir });
  if (location.dialect === "sqlite") {
    const db = createKysely(createSqliteDialect(location.path));
    await migrate(db, "sqlite");
    const mutex = new KeyedMutex();
    return {
      db,
      dialect: "sqlite",
      withThreadLock: (threadId, task) => mutex.run(threadId, task),
      close: () => db.destroy(),
    };
  }

  // The PostgreSQL driver is loaded only when it is used.
  const { assertSchemaName, createPostgresDialect } = await import("./postgres-dialect.ts");
  const connect = (name: string, poolSize?: number) =>
    createKysely(
      createPostgresDialect(location.connectionString, { schema, applicationName: name, poolSize }),
    );
  const db = connect(applicationName);
  if (schema)
    await sql`create schema if not exists ${sql.id(assertSchemaName(schema))}`.execute(db);
  await migrate(db, "postgres", schema);
  // Each held lock keeps a connection in a transaction for the length of a turn; a pool of their
  // own means turns that hold locks can never take every connection their own queries need.
  const locks = connect(`${applicationName}-locks`);
  const mutex = new KeyedMutex();
  return {
    db,
    dialect: "postgres",
    withThreadLock: (threadId, task) =>
      mutex.run(threadId, async () => {
        const lock = await locks.startTransaction().execute();
        try {
          await sql`select pg_advisory_xact_lock(${THREAD_LOCK_CLASS}, hashtext(${threadId}))`.execute(
            lock,
          );
          return await task();
        } finally {
          // Ending the transaction releases the lock. If the connection broke, the server ended
          // it already, and the task's result stands.
          await lock
            .rollback()
            .execute()
            .catch(() => {});
        }
      }),
    close: async () => {
      await Promise.all([db.destroy(), locks.destroy()]);
    },
  };
}

function createKysely(dialect: Dialect): Kysely<Tables> {
  return new Kysely<Tables>({
    dialect: new SnakeCaseDialect(dialect),
    plugins: [new CamelCaseResultsPlugin()],
  });
}

async function migrate(db: Kysely<Tables>, dialect: DialectName, schema?: string): Promise<void> {
  const migrator = new Migrator({
    // The migrator reads its own bookkeeping tables, whose columns must not be renamed.
    db: db.withoutPlugins(),
    provider: new SwitchboardMigrations(dialect),
    // Named, or the migrator takes another schema's bookkeeping tables for this one's.
    migrationTableSchema: schema,
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error === undefined) return;
  await db.destroy();
  const failed = results.find((result) => result.status === "Error")?.migrationName;
  if (failed === undefined) throw error;
  throw new Error(`database migration ${failed} failed: ${(error as Error).message}`, {
    cause: error,
  });
}
