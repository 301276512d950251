/** Writes flows/flow.schema.json and flows/simulation.schema.json from the TypeBox schemas. */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { renderFlowSchemas } from "../src/schema/json-schema.ts";

const flowsDir = join(import.meta.dir, "..", "..", "flows");

for (const [name, text] of Object.entries(renderFlowSchemas())) {
  await writeFile(join(flowsDir, name), text);
  console.log(`wrote flows/${name}`);
}
