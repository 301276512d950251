import { readFile } from "node:fs/promises";
import {
  createModelRegistry,
  type Flow,
  FlowError,
  formatProblems,
  intentQualityReport,
  parseFlow,
} from "@switchboard/engine";
import { loadModelCatalog } from "../config/index.ts";
import { formatIntentReport } from "./format-intent-report.ts";

export interface ValidateOptions {
  /** Also cross-validate each classify node's intents. */
  nlu?: boolean;
  /** With `nlu`: fail when a node's cross-validated accuracy is below this (0–1, default 0.7). */
  minAccuracy?: number;
  /** With `nlu`: flag intents with fewer examples (default 5). */
  minExamples?: number;
}

// The example flows, written by hand with a few dozen examples per node, score 0.77–0.79.
const DEFAULT_MIN_ACCURACY = 0.7;

/**
 * `switchboard validate <flow.json…>`: every problem of every file, exit code 1 if any. With
 * `--nlu`, each classify node's intent quality report too, failing under `--min-accuracy`.
 */
export async function validateCommand(
  files: string[],
  options: ValidateOptions = {},
): Promise<number> {
  const minAccuracy = options.minAccuracy ?? DEFAULT_MIN_ACCURACY;
  if (!(minAccuracy >= 0 && minAccuracy <= 1)) {
    console.error(`--min-accuracy must be between 0 and 1, not ${options.minAccuracy}.`);
    return 2;
  }
  const models = createModelRegistry(await loadModelCatalog()).names;
  let failed = 0;
  for (const file of files) {
    let flow: Flow;
    try {
      flow = parseFlow(await readFile(file, "utf8"), { models });
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
      continue;
    }
    if (options.nlu && !reportIntents(flow, minAccuracy, options.minExamples)) failed++;
  }
  return failed > 0 ? 1 : 0;
}

/** Prints each classify node's report; false when one is under the accuracy asked for. */
function reportIntents(flow: Flow, minAccuracy: number, minExamples?: number): boolean {
  let passed = true;
  // An `auto` flow's examples are read as English, the language an `auto` flow's knowledge is.
  const language = flow.language === "auto" ? "en" : flow.language;
  for (const node of flow.nodes) {
    if (node.type !== "classify" || node.config.intents.length < 2) continue;
    const report = intentQualityReport(node.config.intents, language, { minExamples });
    const ok = report.accuracy >= minAccuracy;
    passed &&= ok;
    console.log(
      `  ${ok ? "✓" : "✗"} ${node.id}: intent accuracy ${Math.round(report.accuracy * 100)}% (minimum ${Math.round(minAccuracy * 100)}%)`,
    );
    console.log(
      formatIntentReport(report)
        .split("\n")
        .map((line) => `    ${line}`)
        .join("\n"),
    );
  }
  return passed;
}
