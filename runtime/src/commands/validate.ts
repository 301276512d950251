import { readFile } from "node:fs/promises";
import { createModelRegistry, FlowError, formatProblems, parseFlow } from "@switchboard/engine";
import { loadModelCatalog } from "../config/index.ts";

/** `switchboard validate <flow.json…>`: every problem of every file, exit code 1 if any. */
export async function validateCommand(files: string[]): Promise<number> {
  const models = createModelRegistry(await loadModelCatalog()).names;
  let failed = 0;
  for (const file of files) {
    try {
      parseFlow(await readFile(file, "utf8"), { models });
      console.log(`✓ ${file}`);
    } catch (error) {
      failed++;
      if (error instanceof FlowError && error.problems.length > 0) {
        console.log(
          `✗ ${file}: ${error.problems.length} problem(s)\n${formatProblems(error.problems)}`,
        );
      } else {
        console.log(`✗ ${file}: ${(error as Error).message}`);
      }
    }
  }
  return failed > 0 ? 1 : 0;
}
