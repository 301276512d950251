import { readdir } from "node:fs/promises";
import { join } from "node:path";

/** The flow files of a folder (`*.flow.json`), sorted by name. */
export async function findFlowFiles(dir = "flows"): Promise<string[]> {
  const names = await readdir(dir);
  return names
    .filter((name) => name.endsWith(".flow.json"))
    .sort()
    .map((name) => join(dir, name));
}
