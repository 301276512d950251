import { describe, expect, it } from "bun:test";
import { FlowError } from "../../../engine/src/errors.ts";
import type { IntentDefinition } from "../../../engine/src/local/intent-classifier.ts";
import { intentQualityReport } from "../../../engine/src/nlu/intent-quality-report.ts";
import { bikeShopIntents } from "../helpers/bike-shop-intents.ts";

const [hours, ...others] = bikeShopIntents as [IntentDefinition, ...IntentDefinition[]];

/** The shop's intents with "hours" split in two that mean the same: a pair no model can tell apart. */
const confusedIntents: IntentDefinition[] = [
  ...others,
  { name: "hours", description: "Opening hours", examples: hours.examples.slice(0, 5) },
  {
    name: "schedule",
    description: "Opening hours of the shop",
    examples: [...hours.examples.slice(5), "when are you open"],
  },
];

/** A question about opening hours filed under returns. */
const mislabeledIntents = bikeShopIntents.map((intent) =>
  intent.name === "returns"
    ? { ...intent, examples: [...intent.examples, "what time do you open on saturdays"] }
    : intent,
);

describe("intentQualityReport", () => {
  it("puts a pair of intents that mean the same first among the confused pairs, with examples", () => {
    const report = intentQualityReport(confusedIntents, "en");
    const [first] = report.confusions;
    expect(first?.intents).toEqual(["hours", "schedule"]);
    expect(first?.examples.length).toBeGreaterThan(0);
    for (const example of first?.examples ?? []) {
      expect([example.intent, example.predicted].sort()).toEqual(["hours", "schedule"]);
      expect([...hours.examples, "when are you open"]).toContain(example.text);
    }
    const accuracyOf = (name: string) => report.intents.find((i) => i.name === name)?.accuracy;
    expect(accuracyOf("schedule")).toBeLessThan(accuracyOf("order_status") ?? 0);
  });

  it("leaves out intents told apart, and pairs confused by a single mistake", () => {
    const report = intentQualityReport(bikeShopIntents, "en");
    expect(report.confusions.every((pair) => pair.count >= 2)).toBe(true);
    expect(report.confusions.flatMap((pair) => pair.intents)).not.toContain("hours");
  });

  it("flags an example filed under the wrong intent, with the intent it belongs to", () => {
    const report = intentQualityReport(mislabeledIntents, "en");
    expect(report.mislabeled).toContainEqual(
      expect.objectContaining({
        text: "what time do you open on saturdays",
        intent: "returns",
        predicted: "hours",
      }),
    );
    expect(intentQualityReport(bikeShopIntents, "en").mislabeled.map((m) => m.text)).not.toContain(
      "what time do you open on saturdays",
    );
  });

  it("flags intents with fewer examples than the minimum", () => {
    const report = intentQualityReport(bikeShopIntents, "en", { minExamples: 6 });
    const flagged = report.intents.filter((intent) => intent.tooFew).map((intent) => intent.name);
    const expected = bikeShopIntents
      .filter((intent) => intent.examples.length < 6)
      .map((intent) => intent.name);
    expect(flagged).toEqual(expected);
    expect(flagged.length).toBeGreaterThan(0);
  });

  it("gives the same report for the same intents and seed, and counts every example once", () => {
    const first = intentQualityReport(confusedIntents, "en", { seed: 7 });
    expect(intentQualityReport(confusedIntents, "en", { seed: 7 })).toEqual(first);
    const total = confusedIntents.reduce((sum, intent) => sum + intent.examples.length, 0);
    expect(first.examples).toBe(total);
    expect(first.intents.reduce((sum, intent) => sum + intent.examples, 0)).toBe(total);
    const correct = first.intents.reduce((sum, intent) => sum + intent.correct, 0);
    expect(first.accuracy).toBeCloseTo(correct / total, 3);
  });

  it("refuses a node of one intent, which has nothing to be confused with", () => {
    expect(() => intentQualityReport([hours], "en")).toThrow(FlowError);
  });
});
