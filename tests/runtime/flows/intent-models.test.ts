import { expect, it } from "bun:test";
import { createModelRegistry, defaultCatalog, intentModelKey } from "@switchboard/engine";
import type { FlowDefinition } from "../../../runtime/src/flows/flow.table.ts";
import { createFlowRuntime } from "../../../runtime/src/flows/flow-runtime.ts";
import { createFlow, publishVersion } from "../../../runtime/src/flows/flows.repository.ts";
import { DatabaseClassifierStore } from "../../../runtime/src/flows/intent-models.repository.ts";
import { describeEachDialect, useTestStore } from "../db/test-database.ts";

const intents = [
  { name: "hours", description: "opening hours", examples: ["when do you open", "opening hours"] },
  { name: "refund", description: "money back", examples: ["I want a refund", "money back"] },
];

const flow = {
  id: "shop",
  name: "Shop",
  version: 1,
  entry: "classify",
  nodes: [
    { id: "classify", type: "classify", config: { intents, threshold: 0.45 } },
    { id: "answer", type: "reply", config: { text: "ok" } },
  ],
  edges: [
    { source: "classify", target: "answer", branch: "hours" },
    { source: "classify", target: "answer", branch: "refund" },
    { source: "classify", target: "answer", branch: "fallback" },
  ],
} as unknown as FlowDefinition;

describeEachDialect("intent models in the database", (dialect) => {
  const test = useTestStore(dialect);

  it("keeps a model's bytes under its key, and the first of two writers wins", async () => {
    const store = new DatabaseClassifierStore(test.database().db);
    expect(await store.get("a".repeat(64))).toBeUndefined();
    await store.put("a".repeat(64), new Uint8Array([1, 2, 3]));
    await store.put("a".repeat(64), new Uint8Array([9]));
    expect(await store.get("a".repeat(64))).toEqual(new Uint8Array([1, 2, 3]));
  });

  it("trains a published flow's intents as the server starts, and a restart retrains nothing", async () => {
    const database = test.database();
    await createFlow(database.db, { definition: flow, author: "test" });
    await publishVersion(database.db, "shop", 1);
    const start = () =>
      createFlowRuntime({
        database,
        models: createModelRegistry(defaultCatalog),
        flowsDir: "flows",
        http: {},
      });

    const first = start();
    expect((await first.loadPublished()).failed).toEqual([]);
    first.close();
    const stored = await database.db.selectFrom("intentModels").selectAll().execute();
    expect(stored.map((row) => row.key)).toEqual([intentModelKey(intents, "en")]);

    const restarted = start();
    await restarted.loadPublished();
    const graph = await restarted.graph("shop", 1);
    restarted.close();
    expect(await database.db.selectFrom("intentModels").selectAll().execute()).toEqual(stored);
    expect(graph).toBeDefined();
  });
});
