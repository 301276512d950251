import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Kysely } from "kysely";
import type { Tables } from "../db/index.ts";
import { inTransaction } from "../db/index.ts";
import type { FlowDefinition } from "./flow.table.ts";
import { createFlow, publishVersion } from "./flows.repository.ts";

/**
 * Seeds an empty database with the `*.flow.json` files of `flowDir`, each saved as version 1 and
 * published, so a first start serves the flows shipped in the repository. Does nothing once any
 * flow exists: from then on the database, edited in the studio, is the source of truth.
 * The files are stored as they are; the engine validates a flow when it compiles it.
 *
 * @returns the ids of the flows imported
 */
export async function importFlowFiles(
  db: Kysely<Tables>,
  flowDir: string,
  now = new Date(),
): Promise<string[]> {
  const files = (await readdir(flowDir)).filter((name) => name.endsWith(".flow.json")).sort();
  return inTransaction(db, async (trx) => {
    const existing = await trx.selectFrom("flows").select("id").limit(1).executeTakeFirst();
    if (existing) return [];
    const imported: string[] = [];
    for (const file of files) {
      const definition = JSON.parse(await readFile(join(flowDir, file), "utf8")) as FlowDefinition;
      if (typeof definition.id !== "string" || typeof definition.name !== "string") {
        throw new TypeError(`${file} has no string "id" and "name"; is it a flow file?`);
      }
      await createFlow(trx, { definition, author: "import", note: `imported from ${file}` }, now);
      await publishVersion(trx, definition.id, 1, now);
      imported.push(definition.id);
    }
    return imported;
  });
}
