import { describe, expect, it } from "bun:test";
import { type Flow, validateFlow } from "@switchboard/engine";
import { conversationsOf, conversationsWith, said } from "../helpers/conversation.ts";

// A new flow as the studio starts it (a greeting reply at the entry), grown by a classifier.
function greetingFlow(): Flow {
  const result = validateFlow({
    id: "greeter",
    name: "Greeter",
    version: 1,
    entry: "greet",
    nodes: [
      { id: "greet", type: "reply", config: { text: "Hello! How can I help?" } },
      {
        id: "route",
        type: "classify",
        config: {
          threshold: 0.4,
          intents: [
            {
              name: "hours",
              description: "Opening hours",
              examples: [
                "when do you open",
                "what are your opening hours",
                "what time do you close",
                "are you open on sunday",
              ],
            },
            {
              name: "price",
              description: "Prices",
              examples: [
                "how much is a bike",
                "what does it cost",
                "what are your prices",
                "is it expensive",
              ],
            },
          ],
        },
      },
      { id: "hours", type: "reply", config: { text: "We open at 9am." } },
      { id: "other", type: "reply", config: { text: "I can tell you our opening hours." } },
      { id: "price", type: "reply", config: { text: "Bikes start at $999." } },
    ],
    edges: [
      { source: "greet", target: "route" },
      { source: "route", target: "hours", branch: "hours" },
      { source: "route", target: "price", branch: "price" },
      { source: "route", target: "other", branch: "fallback" },
      { source: "price", target: "route" },
      { source: "hours", target: "route" },
      { source: "other", target: "route" },
    ],
  });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("\n"));
  return result.flow;
}

describe("a greeting node at the flow's entry", () => {
  it("greets and leaves the user's first message to the node after it", async () => {
    const say = conversationsOf(greetingFlow())();
    const turn = await say("when do you open?");
    expect(turn.visited).toEqual(["greet", "route", "hours"]);
    expect(said(turn)).toBe("Hello! How can I help?\nWe open at 9am.");
  });

  it("does not greet again, and the next message is read once", async () => {
    const say = conversationsOf(greetingFlow())();
    await say("hi");
    const turn = await say("what are your opening hours?");
    expect(turn.visited).toEqual(["route", "hours"]);
    expect(said(turn)).toBe("We open at 9am.");
  });
});

describe("a message that opens with a greeting", () => {
  const english = conversationsWith("support.flow.json");
  const portuguese = conversationsWith("suporte.flow.json");

  it.each([
    ["support.flow.json", "hello! what are your opening hours", "question", "Saturday 9am-6pm"],
    ["support.flow.json", "good morning, can I talk to a person", "human", undefined],
    ["suporte.flow.json", "bom dia! qual o horario da loja", "pergunta", "sábado das 9h"],
    ["suporte.flow.json", "oi, tudo bem? quero falar com um atendente", "humano", undefined],
    ["suporte.flow.json", "buenas, quiero hablar con una persona", "humano", undefined],
  ])("%s: %j is routed by what follows the greeting", async (file, text, intent, reply) => {
    const say = (file === "support.flow.json" ? await english : await portuguese)();
    const turn = await say(text);
    expect(turn.intent?.name).toBe(intent);
    if (reply) expect(said(turn)).toContain(reply);
  });

  it("is a greeting when nothing follows it", async () => {
    const turn = await (await english)()("Hello!");
    expect(turn.intent?.name).toBe("greeting");
  });

  it("does not let the greeting pick the answer: hello is not hello@voltrabikes.com", async () => {
    const say = (await conversationsWith("escalation.flow.json"))();
    const turn = await say("hello, what are your hours?");
    expect(said(turn)).toContain("Saturday 9am-6pm");
  });
});
