// Run by checkpoint-validation.test.ts in a process of its own: the Vitest-style `expect` this
// suite needs replaces bun:test's module, which must not leak into other test files.
import { afterAll } from "bun:test";
import type { Database } from "../../../runtime/src/db/database.ts";
import { KyselyCheckpointSaver } from "../../../runtime/src/db/kysely-checkpoint-saver.ts";
import { createTestStore, describeEachDialect, type TestStore } from "./test-database.ts";
import { installVitestExpect } from "./vitest-expect.ts";

// Imported after the Vitest-style `expect` is in place, which the suite's modules then take.
afterAll(installVitestExpect());
const { deltaChannelHistoryTests, validate } = await import(
  "@langchain/langgraph-checkpoint-validation"
);

describeEachDialect("KyselyCheckpointSaver conformance", (dialect) => {
  let store: TestStore;
  let database: Database;
  const initializer = {
    checkpointerName: `KyselyCheckpointSaver (${dialect})`,
    async beforeAll() {
      store = createTestStore(dialect);
      database = await store.open();
    },
    afterAll: () => store.dispose(),
    createCheckpointer: () => new KyselyCheckpointSaver(database.db),
    // The list cases read every thread, so each set of cases starts from empty tables.
    async destroyCheckpointer() {
      await database.db.deleteFrom("checkpointWrites").execute();
      await database.db.deleteFrom("checkpointBlobs").execute();
      await database.db.deleteFrom("checkpoints").execute();
    },
  };
  validate(initializer);
  deltaChannelHistoryTests(initializer);
});
