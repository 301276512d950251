import type { DatabaseConnection, Dialect, Driver } from "kysely";
import { DelegatingDialect } from "./delegating-dialect.ts";

/** Turns a driver error into the error callers should see, or returns undefined to keep it. */
export type TranslateError = (error: unknown) => Error | undefined;

/**
 * Wraps a dialect so that every failure of its driver (connecting, querying, committing) goes
 * through `translate` first: callers get one typed error for "the server is gone" whichever
 * repository or checkpointer call hit it, without a try/catch in each.
 */
export class ConnectionErrorDialect extends DelegatingDialect {
  constructor(
    inner: Dialect,
    private readonly translate: TranslateError,
  ) {
    super(inner);
  }

  override createDriver(): Driver {
    return new ConnectionErrorDriver(this.inner.createDriver(), this.translate);
  }
}

class ConnectionErrorDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly translate: TranslateError,
  ) {}

  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw this.translate(error) ?? error;
    }
  }

  init: Driver["init"] = (options) => this.guard(() => this.inner.init(options));

  acquireConnection: Driver["acquireConnection"] = async (options) =>
    this.guardConnection(await this.guard(() => this.inner.acquireConnection(options)));

  beginTransaction: Driver["beginTransaction"] = (connection, settings) =>
    this.guard(() => this.inner.beginTransaction(connection, settings));

  commitTransaction: Driver["commitTransaction"] = (connection) =>
    this.guard(() => this.inner.commitTransaction(connection));

  rollbackTransaction: Driver["rollbackTransaction"] = (connection) =>
    this.guard(() => this.inner.rollbackTransaction(connection));

  savepoint: Driver["savepoint"] = (connection, name, compile) =>
    this.guard(async () => this.inner.savepoint?.(connection, name, compile));

  rollbackToSavepoint: Driver["rollbackToSavepoint"] = (connection, name, compile) =>
    this.guard(async () => this.inner.rollbackToSavepoint?.(connection, name, compile));

  releaseSavepoint: Driver["releaseSavepoint"] = (connection, name, compile) =>
    this.guard(async () => this.inner.releaseSavepoint?.(connection, name, compile));

  releaseConnection: Driver["releaseConnection"] = (connection) =>
    this.inner.releaseConnection(connection);

  destroy: Driver["destroy"] = () => this.inner.destroy();

  /**
   * A proxy rather than a wrapper object: the inner driver keeps recognising the connection it
   * handed out (it reads private members and symbols from it), and only `executeQuery` changes.
   */
  private guardConnection(connection: DatabaseConnection): DatabaseConnection {
    const executeQuery: DatabaseConnection["executeQuery"] = (query, options) =>
      this.guard(() => connection.executeQuery(query, options));
    return new Proxy(connection, {
      get(target, property) {
        if (property === "executeQuery") return executeQuery;
        const value = Reflect.get(target, property, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }
}
