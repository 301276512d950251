import { describe, expect, it } from "bun:test";
import { FlowError } from "../../engine/src/errors.ts";
import { trainIntentClassifier } from "../../engine/src/local/intent-classifier.ts";
import { bikeShopIntents as intents } from "./helpers/bike-shop-intents.ts";

const classifier = trainIntentClassifier(intents);

describe("trainIntentClassifier", () => {
  it.each([
    ["what time do you open on saturday", "hours"],
    ["Hi, I'd like to know what time you open on Saturday please", "hours"],
    ["whats the address of the shop", "location"],
    ["where is my package??", "order_status"],
    ["how do i get my money back", "returns"],
    ["I'd like to book a service", "repair"],
    ["how much for a rental", "rental"],
    ["any discounts for students?", "pricing"],
    ["I want to talk to a person", "human"],
    ["hello", "greeting"],
    ["thank you!", "thanks"],
  ])("recognises %j as %s with high confidence", (text, intent) => {
    const prediction = classifier.classify(text);
    expect(prediction.intent).toBe(intent);
    expect(prediction.confidence).toBeGreaterThanOrEqual(0.7);
  });

  it.each([
    ["wat are ur openng hours", "hours"],
    ["r u open sunday?", "hours"],
    ["my order still hasnt arived", "order_status"],
    ["refund pls", "returns"],
    ["my chain keeps falling off can you fix it", "repair"],
    ["hire an ebike", "rental"],
    ["can you repair my e-bike", "repair"],
    ["what does a mountain bike cost", "pricing"],
  ])("tolerates typos, word forms and shared words: %j is %s", (text, intent) => {
    const prediction = classifier.classify(text);
    expect(prediction.intent).toBe(intent);
    expect(prediction.confidence).toBeGreaterThanOrEqual(0.45);
  });

  it.each([
    "asdf qwerty",
    "",
    "   ",
    "the weather on mars is cold",
    "who won the football match yesterday",
    "what is the capital of france",
    "tell me a joke",
    "123456",
  ])("has low confidence for gibberish, empty or unrelated text: %j", (text) => {
    expect(classifier.classify(text).confidence).toBeLessThan(0.35);
  });

  it("ranks every intent, best first, with scores between 0 and 1", () => {
    const { intent, confidence, ranking } = classifier.classify(
      "can I return a helmet that doesn't fit",
    );
    expect(ranking.map((r) => r.intent).sort()).toEqual(intents.map((i) => i.name).sort());
    expect(ranking[0]).toEqual({ intent, score: confidence });
    for (const [i, entry] of ranking.entries()) {
      expect(entry.score).toBeGreaterThanOrEqual(0);
      expect(entry.score).toBeLessThanOrEqual(1);
      if (i > 0) expect(entry.score).toBeLessThanOrEqual(ranking[i - 1]?.score ?? 1);
    }
  });

  it("names the first intent with zero confidence when nothing matches", () => {
    expect(classifier.classify("qwerty")).toMatchObject({ intent: "hours", confidence: 0 });
  });

  it("is deterministic", () => {
    const again = trainIntentClassifier(intents);
    for (const text of ["when do you open", "refund pls", "asdf", "my brakes are squeaking"]) {
      expect(again.classify(text)).toEqual(classifier.classify(text));
    }
  });

  it("rejects a node without intents", () => {
    expect(() => trainIntentClassifier([])).toThrow(FlowError);
  });
});
