import { afterEach, beforeEach, describe, it } from "bun:test";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Kysely, sql } from "kysely";
import { type Database, type DialectName, openDatabase } from "../../../runtime/src/db/database.ts";
import { createPostgresDialect } from "../../../runtime/src/db/postgres-dialect.ts";

export const POSTGRES_URL =
  process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** CI sets REQUIRE_POSTGRES=1 so that a missing server fails the run instead of skipping tests. */
const postgresRequired = process.env.REQUIRE_POSTGRES === "1";

/** A database of its own for one test: a SQLite file, or a PostgreSQL schema. */
export interface TestStore {
  dialect: DialectName;
  url: string;
  schema?: string;
  /** Opens (or, called again, reopens as after a restart) the store; closed by `dispose`. */
  open(options?: { applicationName?: string }): Promise<Database>;
  dispose(): Promise<void>;
}

/** A raw connection to the server itself, for dropping schemas and terminating backends. */
export function connectToPostgres(): Kysely<unknown> {
  return new Kysely<unknown>({
    dialect: createPostgresDialect(POSTGRES_URL, {
      applicationName: "switchboard-tests",
      poolSize: 1,
    }),
  });
}

async function findPostgresProblem(): Promise<string | undefined> {
  const server = connectToPostgres();
  try {
    await sql`select 1`.execute(server);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await server.destroy();
  }
}

const postgresProblem = await findPostgresProblem();
/** Whether this run's PostgreSQL tests can reach the server. */
export const postgresAvailable = postgresProblem === undefined;
if (postgresProblem && !postgresRequired) {
  console.warn(
    `PostgreSQL tests skipped (${postgresProblem}); set REQUIRE_POSTGRES=1 to fail instead.`,
  );
}

export function createTestStore(dialect: DialectName): TestStore {
  const name = `sb_test_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const opened: Database[] = [];
  const closeAll = () => Promise.all(opened.splice(0).map((database) => database.close()));
  if (dialect === "sqlite") {
    const path = join(tmpdir(), `${name}.db`);
    return {
      dialect,
      url: `sqlite:${path}`,
      async open() {
        const database = await openDatabase(`sqlite:${path}`, { dataDir: tmpdir() });
        opened.push(database);
        return database;
      },
      async dispose() {
        await closeAll();
        await Promise.all(["", "-wal", "-shm"].map((suffix) => rm(path + suffix, { force: true })));
      },
    };
  }
  return {
    dialect,
    url: POSTGRES_URL,
    schema: name,
    async open({ applicationName = name } = {}) {
      const database = await openDatabase(POSTGRES_URL, {
        dataDir: tmpdir(),
        schema: name,
        applicationName,
      });
      opened.push(database);
      return database;
    },
    async dispose() {
      await closeAll();
      const server = connectToPostgres();
      try {
        await sql`drop schema if exists ${sql.id(name)} cascade`.execute(server);
      } finally {
        await server.destroy();
      }
    },
  };
}

/**
 * Declares `body` once per dialect, as `title [sqlite]` and `title [postgres]`. PostgreSQL's copy
 * is skipped, and says why, when the server can't be reached, unless REQUIRE_POSTGRES=1.
 */
export function describeEachDialect(
  title: string,
  body: (dialect: DialectName) => void,
  dialects: readonly DialectName[] = ["sqlite", "postgres"],
): void {
  for (const dialect of dialects) {
    const name = `${title} [${dialect}]`;
    if (dialect === "postgres" && postgresProblem) {
      if (!postgresRequired) {
        describe.skip(`${name}: PostgreSQL unreachable`, () => body(dialect));
        continue;
      }
      describe(name, () => {
        it("reaches PostgreSQL (REQUIRE_POSTGRES=1)", () => {
          throw new Error(`PostgreSQL at ${POSTGRES_URL} is unreachable: ${postgresProblem}`);
        });
      });
      continue;
    }
    describe(name, () => body(dialect));
  }
}

/** A fresh store for each test of the enclosing `describe`, opened before it and disposed after. */
export function useTestStore(dialect: DialectName): { store(): TestStore; database(): Database } {
  let store: TestStore | undefined;
  let database: Database | undefined;
  beforeEach(async () => {
    store = createTestStore(dialect);
    database = await store.open();
  });
  afterEach(async () => {
    await store?.dispose();
    store = database = undefined;
  });
  const running = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("useTestStore: no test is running");
    return value;
  };
  return { store: () => running(store), database: () => running(database) };
}
