import { describe, expect, it } from "bun:test";
import { FlowError } from "../../engine/src/errors.ts";
import {
  type IntentDefinition,
  trainIntentClassifier,
} from "../../engine/src/local/intent-classifier.ts";

// The support desk of Pedal & Co, a fictional bike shop.
const intents: IntentDefinition[] = [
  {
    name: "hours",
    description: "Opening hours: when the shop is open or closed",
    examples: [
      "what are your opening hours",
      "when do you open",
      "what time do you close today",
      "are you open on sundays",
      "opening times on saturday",
      "are you open on bank holidays",
      "until what time are you open tonight",
      "when does the shop close",
      "what time do you open tomorrow morning",
      "are you closed on mondays",
    ],
  },
  {
    name: "location",
    description: "Where the shop is: address, directions and parking",
    examples: [
      "where are you located",
      "what is your address",
      "how do I get to the shop",
      "is there parking nearby",
      "which street is the store on",
      "directions to your store",
      "are you near the train station",
    ],
  },
  {
    name: "order_status",
    description: "Tracking an order placed online",
    examples: [
      "where is my order",
      "track my package",
      "my order hasn't arrived yet",
      "when will my delivery arrive",
      "has my order shipped",
      "tracking number for my purchase",
      "my parcel is late",
    ],
  },
  {
    name: "returns",
    description: "Returning an item and getting a refund",
    examples: [
      "I want to return my bike",
      "how do I get a refund",
      "can I send back a helmet that doesn't fit",
      "what is your return policy",
      "refund for a damaged item",
      "I'd like my money back",
      "exchange for a different size",
    ],
  },
  {
    name: "repair",
    description: "Booking a repair, service or tune-up in the workshop",
    examples: [
      "I need to book a repair",
      "can you fix a flat tire",
      "my brakes are squeaking",
      "book a service for my bike",
      "how much does a tune-up cost",
      "my gears keep slipping",
      "do you repair electric bikes",
    ],
  },
  {
    name: "rental",
    description: "Renting or hiring a bike for a day or a week",
    examples: [
      "can I rent a bike",
      "do you hire out e-bikes",
      "bike rental for the weekend",
      "how much to rent a city bike for a day",
      "do rentals include a helmet",
    ],
  },
  {
    name: "pricing",
    description: "Prices of bikes and accessories, discounts",
    examples: [
      "how much is a road bike",
      "what are your prices",
      "do you have any discounts",
      "price list for e-bikes",
      "is there a student discount",
      "cheapest mountain bike you sell",
    ],
  },
  {
    name: "human",
    description: "Talk to a person: a human agent or staff member",
    examples: [
      "can I talk to a human",
      "let me speak to someone",
      "I want a real person",
      "connect me to an agent",
      "speak to the manager",
    ],
  },
  {
    name: "greeting",
    description: "Saying hello",
    examples: ["hi", "hello", "hey there", "good morning"],
  },
  {
    name: "thanks",
    description: "Thanking or saying goodbye",
    examples: ["thanks", "thank you so much", "bye", "that's all, cheers", "goodbye"],
  },
];

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
