import { describe, expect, it } from "bun:test";
import { FlowError } from "../../../engine/src/errors.ts";
import { intentModelFromBytes, trainIntentModel } from "../../../engine/src/nlu/intent-model.ts";
import type { Language } from "../../../engine/src/text/language/index.ts";
import { bikeShopIntents } from "../helpers/bike-shop-intents.ts";

const THRESHOLD = 0.45;
const model = trainIntentModel(bikeShopIntents, "en");

interface SupportSet {
  language: Language;
  intents: { name: string; description: string; examples: string[] }[];
}
const supportSet = (language: string) =>
  Bun.file(`${import.meta.dir}/../../nlu/support-${language}.json`).json() as Promise<SupportSet>;
// Trained once per language for all the tests that use it.
const supportModels = new Map<string, ReturnType<typeof trainIntentModel>>();
async function supportModel(language: string) {
  let trained = supportModels.get(language);
  if (!trained) {
    const set = await supportSet(language);
    trained = trainIntentModel(set.intents, set.language);
    supportModels.set(language, trained);
  }
  return trained;
}

describe("trainIntentModel", () => {
  it.each([
    ["what time do you open on saturday", "hours"],
    ["whats the address of the shop", "location"],
    ["where is my package??", "order_status"],
    ["how do i get my money back", "returns"],
    ["I want to talk to a person", "human"],
    ["hello", "greeting"],
    ["wat are ur openng hours", "hours"],
    ["my order still hasnt arived", "order_status"],
    ["refund pls", "returns"],
  ])("routes %j to %s above the default threshold", (text, intent) => {
    const prediction = model.classify(text);
    expect(prediction.intent).toBe(intent);
    expect(prediction.confidence).toBeGreaterThanOrEqual(THRESHOLD);
  });

  it.each([
    "asdf qwerty",
    "",
    "   ",
    "123456",
    "the weather on mars is cold",
    "who won the football match yesterday",
  ])("sends gibberish, empty or unrelated text %j to the fallback", (text) => {
    expect(model.classify(text).confidence).toBeLessThan(THRESHOLD);
  });

  it("gives a message of unknown words no intent even with two intents", () => {
    const two = trainIntentModel(bikeShopIntents.slice(0, 2), "en");
    expect(two.classify("blorp zzz").confidence).toBe(0);
    expect(two.classify("what time do you open").intent).toBe("hours");
  });

  it.each([
    ["pt", "qro cancelar meu pedido", "cancel_order"],
    ["pt", "cade meu pedido", "order_status"],
    ["pt", "da pra parcelar em 10x?", "financing"],
    ["pt", "quero falar com uma pessoa", "human"],
    ["es", "kiero cancelar mi pedido", "cancel_order"],
    ["es", "necesito hablar con una persona", "human"],
    ["es", "cuanto cuesta la bici electrica", "pricing"],
    ["es", "a q hora abren", "hours"],
  ] as const)("understands %s: %j is %s", async (language, text, intent) => {
    const prediction = (await supportModel(language)).classify(text);
    expect(prediction.intent).toBe(intent);
    expect(prediction.confidence).toBeGreaterThanOrEqual(THRESHOLD);
  });

  it("sends a Portuguese message of no intent to the fallback", async () => {
    const pt = await supportModel("pt");
    for (const text of ["asdfgh", "kkkkkkk", "quem ganhou o jogo ontem?"]) {
      expect(pt.classify(text).confidence).toBeLessThan(THRESHOLD);
    }
  });

  it("ranks every intent, best first, with scores between 0 and 1", () => {
    const { intent, confidence, ranking } = model.classify("can I return a helmet");
    expect(ranking.map((r) => r.intent).sort()).toEqual(bikeShopIntents.map((i) => i.name).sort());
    expect(ranking[0]).toEqual({ intent, score: confidence });
    for (const [i, entry] of ranking.entries()) {
      expect(entry.score).toBeGreaterThanOrEqual(0);
      expect(entry.score).toBeLessThanOrEqual(1);
      if (i > 0) expect(entry.score).toBeLessThanOrEqual(ranking[i - 1]?.score ?? 1);
    }
  });

  it("trains the same model from the same intents", () => {
    const again = trainIntentModel(bikeShopIntents, "en");
    expect(again.toBytes()).toEqual(model.toBytes());
  });

  it("rejects a node without intents", () => {
    expect(() => trainIntentModel([], "en")).toThrow(FlowError);
  });
});

describe("intentModelFromBytes", () => {
  it("restores a model that classifies exactly as the one saved", () => {
    const restored = intentModelFromBytes(model.toBytes());
    expect(restored.language).toBe("en");
    for (const text of ["when do you open", "refund pls", "asdf", "my brakes are squeaking"]) {
      expect(restored.classify(text)).toEqual(model.classify(text));
    }
  });

  it("refuses empty, truncated or foreign bytes with a message saying so", () => {
    const bytes = model.toBytes();
    expect(() => intentModelFromBytes(new Uint8Array())).toThrow("it is empty");
    expect(() => intentModelFromBytes(bytes.subarray(0, 100))).toThrow("truncated");
    expect(() => intentModelFromBytes(bytes.subarray(0, bytes.length - 4))).toThrow(
      "its weights are truncated",
    );
  });
});
