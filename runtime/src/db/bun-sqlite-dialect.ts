import { type SQLQueryBindings, Database as Sqlite } from "bun:sqlite";
import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from "kysely";

export interface BunSqliteOptions {
  /** The file, or `:memory:`. */
  path: string;
  /** Run once on the connection when it opens (pragmas). */
  onCreateConnection?: (connection: DatabaseConnection) => Promise<void>;
  /** Run before the connection closes. */
  onDestroy?: () => Promise<void>;
}

/**
 * Kysely on `bun:sqlite`, with each statement prepared once: a turn runs the same few dozen
 * queries every time, and preparing them anew cost as much CPU as running them. One
 * connection, used by one query or transaction at a time in the order they asked for it, as
 * SQLite has one writer anyway.
 *
 * @example
 * const db = new Kysely<Tables>({ dialect: new BunSqliteDialect({ path: "data/switchboard.db" }) });
 */
export class BunSqliteDialect implements Dialect {
  constructor(private readonly options: BunSqliteOptions) {}

  createDriver(): Driver {
    return new BunSqliteDriver(this.options);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new QueuedSqliteAdapter();
  }

  // biome-ignore lint/suspicious/noExplicitAny: Kysely's own Dialect signature.
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

/**
 * Tells Kysely not to put its own mutex in front of the driver: it wakes every waiter each time
 * the connection frees up, which with hundreds of turns waiting costs more than the queries. The
 * driver queues them itself, first come first served.
 */
class QueuedSqliteAdapter extends SqliteAdapter {
  override get supportsMultipleConnections(): boolean {
    return true;
  }
}

class BunSqliteDriver implements Driver {
  #sqlite: Sqlite | undefined;
  #connection: BunSqliteConnection | undefined;
  /** Settles when the connection is free; each holder chains the next one behind it. */
  #free: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;

  constructor(private readonly options: BunSqliteOptions) {}

  async init(): Promise<void> {
    this.#sqlite = new Sqlite(this.options.path, { create: true });
    this.#connection = new BunSqliteConnection(this.#sqlite);
    await this.options.onCreateConnection?.(this.#connection);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#free;
    let release = () => {};
    this.#free = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.#release = release;
    if (!this.#connection) throw new Error("the SQLite database is closed");
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin"));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  async destroy(): Promise<void> {
    await this.options.onDestroy?.();
    this.#sqlite?.close();
    this.#sqlite = this.#connection = undefined;
  }
}

class BunSqliteConnection implements DatabaseConnection {
  constructor(private readonly sqlite: Sqlite) {}

  async executeQuery<R>({ sql, parameters }: CompiledQuery): Promise<QueryResult<R>> {
    // `query` keeps the prepared statement by its SQL text for the next call.
    const statement = this.sqlite.query<R, SQLQueryBindings[]>(sql);
    const bindings = parameters as SQLQueryBindings[];
    if (statement.columnNames.length > 0) return { rows: statement.all(...bindings) };
    const { changes, lastInsertRowid } = statement.run(...bindings);
    return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
  }

  // biome-ignore lint/correctness/useYield: streaming is not offered; Kysely only calls it on request.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("streaming queries is not supported on SQLite here");
  }
}
