import { expect, it } from "bun:test";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { renderFlowSchemas } from "../../engine/src/schema/json-schema.ts";

const flowsDir = join(import.meta.dir, "..", "..", "flows");

it("flows/flow.schema.json is up to date", async () => {
  for (const [name, expected] of Object.entries(renderFlowSchemas())) {
    const actual = await readFile(join(flowsDir, name), "utf8").catch(() => "(missing)");
    expect(actual, `flows/${name} differs from the schema: run bun run schema`).toBe(expected);
  }
});
