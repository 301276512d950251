import type { Flow } from "../../../engine/src/schema/flow.ts";

/**
 * A small valid flow: a classify node routes greet, buy and fallback to reply nodes. A fresh
 * copy each call, so a test can break it without affecting others.
 *
 * @example
 * const flow = minimalFlow();
 * flow.edges.pop(); // now the fallback branch has no edge
 */
export function minimalFlow(): Flow {
  return {
    id: "minimal",
    name: "Minimal flow",
    version: 1,
    entry: "route",
    language: "en",
    models: ["default"],
    knowledge: [],
    variables: [],
    fallback: "Sorry, something went wrong.",
    nodes: [
      {
        id: "route",
        type: "classify",
        config: {
          threshold: 0.45,
          intents: [
            { name: "greet", description: "The user says hello.", examples: ["hi", "hello there"] },
            {
              name: "buy",
              description: "The user wants to buy.",
              examples: ["I want to buy", "pricing"],
            },
          ],
        },
      },
      { id: "greet_reply", type: "reply", config: { text: "Hello! You said: {{last_message}}" } },
      { id: "buy_reply", type: "reply", config: { text: "Happy to help you buy ({{intent}})." } },
      { id: "help", type: "reply", config: { text: "I can greet you or help you buy." } },
    ],
    edges: [
      { source: "route", target: "greet_reply", branch: "greet" },
      { source: "route", target: "buy_reply", branch: "buy" },
      { source: "route", target: "help", branch: "fallback" },
    ],
  };
}
