import type { ConfigOf, NodeType } from "@switchboard/engine/schema";
import type { FlowDraft } from "./flow-draft.ts";

type StarterConfigs = { [K in NodeType]: (flow: FlowDraft) => ConfigOf<K> };

/**
 * The config a node gets when it is dropped from the palette: small, valid on its own, and
 * meant to be edited. One entry per node type, so a new type without one fails the type check.
 */
const starterConfigs = {
  classify: () => ({
    intents: [
      {
        name: "question",
        description: "Asks a question about the product or the service.",
        examples: ["I have a question", "Can you tell me about your prices?"],
      },
    ],
    threshold: 0.45,
  }),
  faq: (flow) => ({
    knowledge: flow.knowledge[0]?.id ?? "knowledge",
    topK: 3,
    minScore: 0.3,
    citations: true,
  }),
  sales: () => ({
    slots: [{ name: "email", kind: "email", ask: "What is your email address?", required: true }],
    qualify: { when: "email != ''" },
    store: "lead",
    maxRetries: 2,
  }),
  escalate: () => ({
    reason: "The customer asked for a person.",
    message: "Let me bring in a colleague; they will reply here shortly.",
    queue: "support",
  }),
  llm: () => ({
    prompt: "Answer the customer's message: {{last_message}}",
    temperature: 0.3,
    maxTokens: 512,
    fallback: "Sorry, I can't answer that right now.",
  }),
  condition: () => ({ rules: [{ label: "is_question", when: "intent == 'question'" }] }),
  set: (flow) => ({ assign: [{ variable: flow.variables[0]?.name ?? "topic", value: "intent" }] }),
  reply: () => ({ text: "Hello! How can I help?" }),
  http: () => ({ method: "GET", url: "https://example.com/api", timeoutMs: 10000, map: [] }),
  end: () => ({ text: "Thanks for chatting with us!" }),
} satisfies StarterConfigs;

/** The starter config of a node type, for `flow`. */
export function starterConfig<K extends NodeType>(type: K, flow: FlowDraft): ConfigOf<K> {
  return (starterConfigs[type] as StarterConfigs[K])(flow);
}
