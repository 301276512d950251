/**
 * The intent quality report's cost: `intentQualityReport` (5-fold cross-validation) on the
 * support flow's classify node and at the studio's cap (150 intents × 20 examples of CLINC150's
 * training set: 3,000 examples), against training the same node's model once in the same run.
 *
 * BENCH_ROUNDS (default 3) repeats each timing; figures are medians with their range.
 * @module
 */
import { join } from "node:path";
import {
  type IntentDefinition,
  intentQualityReport,
  parseFlow,
  trainIntentModel,
} from "@switchboard/engine";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const NLU = join(import.meta.dir, "..", "..", "..", "shared", "nlu");
const FLOWS = join(import.meta.dir, "..", "..", "flows");

function timedMs(work: () => unknown): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
const spread = (values: number[]) =>
  `${median(values).toFixed(0)} ms (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;

const support = parseFlow(await Bun.file(join(FLOWS, "support.flow.json")).text());
const supportNode = support.nodes.find((node) => node.type === "classify");
if (supportNode?.type !== "classify") throw new Error("the support flow has no classify node");

const clinc = (await Bun.file(join(NLU, "clinc150-trainval.json")).json()) as {
  train: [string, string][];
};
const byIntent = new Map<string, string[]>();
for (const [text, intent] of clinc.train)
  byIntent.set(intent, [...(byIntent.get(intent) ?? []), text]);
const capped: IntentDefinition[] = [...byIntent].slice(0, 150).map(([name, examples]) => ({
  name: name.replace(/[^A-Za-z0-9_]/g, "_"),
  description: name.replaceAll("_", " "),
  examples: examples.slice(0, 20),
}));

const cases: { name: string; intents: readonly IntentDefinition[] }[] = [
  { name: "support flow's classify node", intents: supportNode.config.intents },
  { name: "150 intents × 20 examples (the studio's cap)", intents: capped },
];

console.log("| node | examples | report (5 folds) | training once | ratio | accuracy |");
console.log("|---|---|---|---|---|---|");
for (const { name, intents } of cases) {
  // The first round of each pays for warming up the JIT.
  timedMs(() => trainIntentModel(intents, "en"));
  const training = Array.from({ length: ROUNDS }, () =>
    timedMs(() => trainIntentModel(intents, "en")),
  );
  let accuracy = 0;
  const reports = Array.from({ length: ROUNDS }, () =>
    timedMs(() => {
      accuracy = intentQualityReport(intents, "en").accuracy;
    }),
  );
  const examples = intents.reduce((sum, intent) => sum + intent.examples.length, 0);
  console.log(
    `| ${name} | ${examples} | ${spread(reports)} | ${spread(training)} | ${(median(reports) / median(training)).toFixed(2)}x | ${accuracy} |`,
  );
}
