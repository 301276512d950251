import { expect, it } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { FlowDefinition } from "../../../runtime/src/flows/flow.table.ts";
import {
  createFlow,
  deleteFlow,
  getDraft,
  getPublishedVersion,
  getVersion,
  listFlows,
  listVersions,
  publishVersion,
  saveDraft,
  saveVersion,
} from "../../../runtime/src/flows/flows.repository.ts";
import { importFlowFiles } from "../../../runtime/src/flows/import-flow-files.ts";
import { describeEachDialect, useTestStore } from "../db/test-database.ts";

const flow = (name: string) => ({ id: "support", name, version: 1 }) as FlowDefinition;

describeEachDialect("flows.repository", (dialect) => {
  const test = useTestStore(dialect);

  it("saves immutable versions and serves the published one", async () => {
    const { db } = test.database();
    await createFlow(db, { definition: flow("Support"), author: "ana" });
    await publishVersion(db, "support", 1);
    const second = await saveVersion(db, "support", {
      definition: flow("Support v2"),
      author: "ben",
      note: "friendlier greeting",
    });
    expect(second).toMatchObject({ version: 2, author: "ben", note: "friendlier greeting" });
    expect(second.definition.version).toBe(2);

    expect((await getPublishedVersion(db, "support"))?.definition.name).toBe("Support");
    await publishVersion(db, "support", 2);
    expect((await getPublishedVersion(db, "support"))?.definition.name).toBe("Support v2");
    expect((await getVersion(db, "support", 1))?.definition.name).toBe("Support");
    expect(
      (await listVersions(db, "support")).map((version) => [version.version, version.author]),
    ).toEqual([
      [2, "ben"],
      [1, "ana"],
    ]);
  });

  it("keeps a draft apart from the versions until it is saved as one", async () => {
    const { db } = test.database();
    await createFlow(db, { definition: flow("Support"), author: "ana" });
    await saveDraft(db, "support", flow("Support (editing)"));
    expect((await getDraft(db, "support"))?.name).toBe("Support (editing)");
    expect(await listFlows(db)).toMatchObject([
      { id: "support", latestVersion: 1, publishedVersion: null, hasDraft: true },
    ]);
    await saveVersion(db, "support", { definition: flow("Support (edited)"), author: "ana" });
    expect(await getDraft(db, "support")).toBeUndefined();
    expect(await listFlows(db)).toMatchObject([
      { name: "Support (edited)", latestVersion: 2, hasDraft: false },
    ]);
  });

  it("refuses to publish a version that doesn't exist or to file a version under another flow", async () => {
    const { db } = test.database();
    await createFlow(db, { definition: flow("Support"), author: "ana" });
    await expect(publishVersion(db, "support", 7)).rejects.toThrow("flow support has no version 7");
    const other = { id: "sales", name: "Sales", version: 1 } as FlowDefinition;
    await expect(saveVersion(db, "support", { definition: other, author: "ana" })).rejects.toThrow(
      "a version of flow support can't have the id sales",
    );
    expect(await listVersions(db, "support")).toHaveLength(1);
  });

  it("deletes a flow with its versions", async () => {
    const { db } = test.database();
    await createFlow(db, { definition: flow("Support"), author: "ana" });
    expect(await deleteFlow(db, "support")).toBe(true);
    expect(await listFlows(db)).toEqual([]);
    expect(await getVersion(db, "support", 1)).toBeUndefined();
    expect(await deleteFlow(db, "support")).toBe(false);
  });

  it("imports the flows folder, published, on the first start only", async () => {
    const { db } = test.database();
    const flowDir = join(import.meta.dir, "../../../flows");
    const files = readdirSync(flowDir)
      .filter((name) => name.endsWith(".flow.json"))
      .sort();
    const ids = files.map((name) => JSON.parse(readFileSync(join(flowDir, name), "utf8")).id);
    expect(ids).toContain("faq");
    expect(await importFlowFiles(db, flowDir)).toEqual(ids);
    const faq = await getPublishedVersion(db, "faq");
    expect(faq).toMatchObject({
      version: 1,
      author: "import",
      note: "imported from faq.flow.json",
    });
    expect(faq?.definition.entry).toBe("answer");
    expect(await importFlowFiles(db, flowDir)).toEqual([]);
  });
});
