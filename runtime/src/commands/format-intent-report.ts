import type { IntentQualityReport, MisclassifiedExample } from "@switchboard/engine";
import { formatTable } from "./format-table.ts";

const percent = (share: number) => `${Math.round(share * 100)}%`;
const mistake = ({ text, intent, predicted, confidence }: MisclassifiedExample) =>
  `    "${text}": ${intent} → ${predicted} (${percent(confidence)})`;

/**
 * An intent quality report for a terminal: accuracy per intent with its flags, then the
 * confused pairs and the likely mislabeled examples, each with the messages concerned.
 */
export function formatIntentReport(report: IntentQualityReport): string {
  const rows = report.intents.map((intent) => [
    intent.name,
    String(intent.examples),
    percent(intent.accuracy),
    intent.tooFew ? `fewer than ${report.minExamples} examples` : "",
  ]);
  const lines = [
    formatTable([["intent", "examples", "accuracy", ""], ...rows]),
    `${percent(report.accuracy)} of ${report.examples} examples right (${report.folds}-fold cross-validation)`,
  ];
  for (const pair of report.confusions) {
    lines.push(
      `Confused: ${pair.intents[0]} ↔ ${pair.intents[1]}, ${pair.count} examples (${percent(pair.share)})`,
      ...pair.examples.map(mistake),
    );
  }
  if (report.mislabeled.length > 0)
    lines.push("Look mislabeled:", ...report.mislabeled.map(mistake));
  return lines.join("\n");
}
