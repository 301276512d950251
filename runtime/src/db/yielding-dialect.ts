import { CompiledQuery, type DatabaseConnection, type Driver } from "kysely";
import { DelegatingDialect } from "./delegating-dialect.ts";

/**
 * Wraps a dialect whose queries run synchronously (`bun:sqlite`) so that each query's result
 * arrives after a turn of the event loop. Without it a conversation turn, dozens of queries
 * chained through promises that are already settled, runs as one uninterrupted stretch of tens
 * of milliseconds, and HTTP requests that arrive meanwhile wait for all of it: the WhatsApp
 * webhook must be acknowledged within a few milliseconds even while turns run. The cost is one
 * `setImmediate` per query.
 *
 * Transactions begin `immediate`, taking the file's write lock at once: the webhook writes
 * through a connection of its own (see `createInboxWriter`) between a transaction's queries,
 * and a transaction that had read before such a write could not write after it.
 */
export class YieldingDialect extends DelegatingDialect {
  override createDriver(): Driver {
    return new YieldingDriver(this.inner.createDriver());
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

class YieldingDriver implements Driver {
  constructor(private readonly inner: Driver) {}

  init: Driver["init"] = (options) => this.inner.init(options);

  acquireConnection: Driver["acquireConnection"] = async (options) =>
    yielding(await this.inner.acquireConnection(options));

  beginTransaction: Driver["beginTransaction"] = async (connection) => {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  };

  commitTransaction: Driver["commitTransaction"] = (connection) =>
    this.inner.commitTransaction(connection);

  rollbackTransaction: Driver["rollbackTransaction"] = (connection) =>
    this.inner.rollbackTransaction(connection);

  savepoint: Driver["savepoint"] = async (connection, name, compile) =>
    this.inner.savepoint?.(connection, name, compile);

  rollbackToSavepoint: Driver["rollbackToSavepoint"] = async (connection, name, compile) =>
    this.inner.rollbackToSavepoint?.(connection, name, compile);

  releaseSavepoint: Driver["releaseSavepoint"] = async (connection, name, compile) =>
    this.inner.releaseSavepoint?.(connection, name, compile);

  releaseConnection: Driver["releaseConnection"] = (connection) =>
    this.inner.releaseConnection(connection);

  destroy: Driver["destroy"] = () => this.inner.destroy();
}

/** A proxy, so the inner driver still recognises the connection it handed out. */
function yielding(connection: DatabaseConnection): DatabaseConnection {
  const executeQuery: DatabaseConnection["executeQuery"] = async (query, options) => {
    try {
      return await connection.executeQuery(query, options);
    } finally {
      await nextTurn();
    }
  };
  return new Proxy(connection, {
    get(target, property) {
      if (property === "executeQuery") return executeQuery;
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
