import { describe, expect, it } from "bun:test";
import { conversationsOf, said } from "../helpers/conversation.ts";
import { flowOf } from "../helpers/flow-of.ts";

describe("the language built-in", () => {
  const flow = flowOf({
    language: "auto",
    entry: "by_language",
    nodes: [
      {
        id: "by_language",
        type: "condition",
        config: {
          rules: [
            { label: "spanish", when: 'language == "es"' },
            { label: "portuguese", when: 'language == "pt"' },
          ],
        },
      },
      { id: "hola", type: "reply", config: { text: "¡Hola! ({{language}})" } },
      { id: "ola", type: "reply", config: { text: "Olá! ({{language}})" } },
      { id: "hello", type: "reply", config: { text: "Hello! ({{language}})" } },
    ],
    edges: [
      { source: "by_language", target: "hola", branch: "spanish" },
      { source: "by_language", target: "ola", branch: "portuguese" },
      { source: "by_language", target: "hello", branch: "default" },
    ],
  });

  it.each([
    ["necesito ayuda con mi pedido", "¡Hola! (es)"],
    ["preciso de ajuda com o meu pedido", "Olá! (pt)"],
    ["I need help with my order", "Hello! (en)"],
  ])("routes %j by the language it is written in", async (text, reply) => {
    const turn = await conversationsOf(flow)()(text);
    expect(said(turn)).toBe(reply);
  });
});
