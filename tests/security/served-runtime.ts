import { afterAll, beforeAll } from "bun:test";
import { sql } from "kysely";
import type { DialectName } from "../../runtime/src/db/database.ts";
import {
  connectToPostgres,
  describeEachDialect,
  POSTGRES_URL,
} from "../runtime/db/test-database.ts";
import { startTestServer, type TestServer } from "../runtime/server/test-server.ts";

/**
 * Declares `body` once per dialect against a served runtime (a real server on a loopback port):
 * over a SQLite file, and over a PostgreSQL database of its own, created here and dropped after
 * (the runtime keeps its tables in the database's default schema).
 *
 * @param env settings over the test server's defaults.
 * @param servicesEnv the services' environment (e.g. the WhatsApp settings).
 */
export function describeServedRuntime(
  title: string,
  env: Record<string, string>,
  body: (served: () => TestServer, dialect: DialectName) => void,
  servicesEnv: Record<string, string> = {},
): void {
  describeEachDialect(title, (dialect) => {
    let server: TestServer | undefined;
    let database: PostgresDatabase | undefined;
    beforeAll(async () => {
      const settings = { ...env };
      if (dialect === "postgres") {
        database = await createPostgresDatabase();
        settings.DATABASE_URL = database.url;
      }
      server = await startTestServer(settings, undefined, servicesEnv);
    }, 30_000);
    afterAll(async () => {
      await server?.stop();
      await database?.drop();
    }, 30_000);
    body(() => {
      if (!server) throw new Error("the server did not start");
      return server;
    }, dialect);
  });
}

/** A PostgreSQL database of a test's own: its `DATABASE_URL`, and how to drop it after. */
export interface PostgresDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty PostgreSQL database (the runtime keeps its tables in its default schema). */
export async function createPostgresDatabase(): Promise<PostgresDatabase> {
  const name = `sb_sec_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  await onPostgres(sql`create database ${sql.id(name)}`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onPostgres(sql`drop database if exists ${sql.id(name)} with (force)`),
  };
}

async function onPostgres(statement: ReturnType<typeof sql>): Promise<void> {
  const server = connectToPostgres();
  try {
    await statement.execute(server);
  } finally {
    await server.destroy();
  }
}
