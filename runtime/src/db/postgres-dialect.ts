import { type Dialect, PostgresDialect } from "kysely";
import pg from "pg";
import { ConnectionErrorDialect } from "./connection-error-dialect.ts";
import { DatabaseError, isConnectionFailure } from "./database-error.ts";
import { describePostgresServer } from "./database-url.ts";

export interface PostgresOptions {
  /** Keeps every table in this schema (created when missing), e.g. one per test or tenant. */
  schema?: string;
  /** Shown in `pg_stat_activity`, so an operator can tell the runtime's connections apart. */
  applicationName?: string;
  poolSize?: number;
}

/**
 * A pooled PostgreSQL dialect whose connection failures surface as `DatabaseError`.
 *
 * The pool is what recovers from a lost server: it drops clients whose connection broke and opens
 * new ones on the next checkout, so nothing here retries or reconnects by hand.
 */
export function createPostgresDialect(
  connectionString: string,
  { schema, applicationName = "switchboard", poolSize = 10 }: PostgresOptions = {},
): Dialect {
  const server = describePostgresServer(connectionString);
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    application_name: applicationName,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    ...(schema ? { options: `-c search_path=${assertSchemaName(schema)}` } : {}),
  });
  // An idle client whose server went away emits "error"; the pool has already discarded it,
  // and without a listener Node would treat the event as fatal and end the process.
  pool.on("error", () => {});
  const dialect = new PostgresDialect({ pool });
  return new ConnectionErrorDialect(dialect, (error) =>
    isConnectionFailure(error)
      ? new DatabaseError(
          "unreachable",
          `the database at ${server} is unreachable: ${(error as Error).message}`,
          { cause: error },
        )
      : undefined,
  );
}

/** Schema names travel in the connection's startup options, where only plain identifiers are safe. */
export function assertSchemaName(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) {
    throw new TypeError(`a schema name is lowercase letters, digits and _ (got "${name}")`);
  }
  return name;
}
