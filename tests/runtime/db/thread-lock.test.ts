import { expect, it } from "bun:test";
import type { Database } from "../../../runtime/src/db/database.ts";
import { describeEachDialect, useTestStore } from "./test-database.ts";

/** Runs a fake turn under the lock, logging when it starts and ends. */
function turn(database: Database, threadId: string, log: string[], name: string) {
  return database.withThreadLock(threadId, async () => {
    log.push(`${name} start`);
    await Bun.sleep(30);
    log.push(`${name} end`);
    return name;
  });
}

describeEachDialect("withThreadLock", (dialect) => {
  const test = useTestStore(dialect);

  it("never interleaves two turns of one conversation", async () => {
    const log: string[] = [];
    const database = test.database();
    await Promise.all(["a", "b", "c"].map((name) => turn(database, "thread-1", log, name)));
    expect(log).toEqual(["a start", "a end", "b start", "b end", "c start", "c end"]);
  });

  it("runs different conversations side by side", async () => {
    const database = test.database();
    // Each turn holds its lock until the other has started: only possible side by side.
    const a = Promise.withResolvers<void>();
    const b = Promise.withResolvers<void>();
    const hold = (name: string, mine: { resolve: () => void }, other: Promise<void>) =>
      database.withThreadLock(`thread-${name}`, async () => {
        mine.resolve();
        const timeout = Bun.sleep(5_000).then(() => "waited 5 s for the other conversation");
        return Promise.race([other.then(() => "ran alongside"), timeout]);
      });
    const results = await Promise.all([hold("a", a, b.promise), hold("b", b, a.promise)]);
    expect(results).toEqual(["ran alongside", "ran alongside"]);
  });

  it("lets the next turn in after one that throws", async () => {
    const database = test.database();
    const failing = database.withThreadLock("thread-1", async () => {
      throw new Error("flow failed");
    });
    const next = database.withThreadLock("thread-1", async () => "ran");
    await expect(failing).rejects.toThrow("flow failed");
    expect(await next).toBe("ran");
  });

  if (dialect === "postgres") {
    it("serializes one conversation across replicas", async () => {
      const log: string[] = [];
      const replicas = [test.database(), await test.store().open(), await test.store().open()];
      await Promise.all(
        replicas.map((replica, index) => turn(replica, "thread-1", log, `r${index}`)),
      );
      for (let index = 0; index < log.length; index += 2) {
        expect(log[index + 1]).toBe(log[index]?.replace("start", "end"));
      }
    });

    it("holds turns on more conversations than the pool has connections", async () => {
      const database = test.database();
      const names = Array.from({ length: 25 }, (_, index) => `t${index}`);
      const results = await Promise.all(
        names.map((name) =>
          database.withThreadLock(name, () =>
            database.db.selectFrom("chats").select("id").execute(),
          ),
        ),
      );
      expect(results).toHaveLength(25);
    });
  }
});
