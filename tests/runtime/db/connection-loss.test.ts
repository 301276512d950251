import { expect, it } from "bun:test";
import { tmpdir } from "node:os";
import { sql } from "kysely";
import { openDatabase } from "../../../runtime/src/db/database.ts";
import { DatabaseError } from "../../../runtime/src/db/database-error.ts";
import { describePostgresServer } from "../../../runtime/src/db/database-url.ts";
import {
  connectToPostgres,
  describeEachDialect,
  POSTGRES_URL,
  useTestStore,
} from "./test-database.ts";

describeEachDialect(
  "a PostgreSQL connection that fails",
  (dialect) => {
    const test = useTestStore(dialect);

    it("is reported as a DatabaseError naming the server", async () => {
      const opening = openDatabase("postgres://postgres@127.0.0.1:1/test", { dataDir: tmpdir() });
      await expect(opening).rejects.toBeInstanceOf(DatabaseError);
      await expect(opening).rejects.toThrow("the database at 127.0.0.1:1 is unreachable: ");
    });

    it("fails the query it cut off, and the pool recovers by itself", async () => {
      // The shared server stays up: only this test's own connections are cut, as a restart would.
      const applicationName = `${test.store().schema}_cut`;
      const database = await test.store().open({ applicationName });
      await database.db.selectFrom("chats").select("id").execute();
      const cutOff = sql`select pg_sleep(5)`.execute(database.db).then(
        () => undefined,
        (error: unknown) => error,
      );
      await Bun.sleep(100);

      const admin = connectToPostgres();
      try {
        await sql`select pg_terminate_backend(pid) from pg_stat_activity
        where application_name = ${applicationName}`.execute(admin);
      } finally {
        await admin.destroy();
      }

      const error = await cutOff;
      expect(error).toBeInstanceOf(DatabaseError);
      expect((error as DatabaseError).code).toBe("unreachable");
      const server = describePostgresServer(POSTGRES_URL);
      expect((error as Error).message).toStartWith(`the database at ${server} is unreachable: `);

      await Bun.sleep(50);
      const chats = await database.db.selectFrom("chats").select("id").execute();
      expect(chats).toEqual([]);
    });
  },
  ["postgres"],
);
