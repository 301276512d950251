import type { FlowDraft } from "../../../studio/src/core/flow-draft.ts";

/** A small valid flow: classify routes "question" to a reply and everything else to an end. */
export function sampleFlow(): FlowDraft {
  return {
    id: "sample",
    name: "Sample",
    version: 1,
    entry: "route",
    language: "en",
    models: ["default"],
    knowledge: [],
    variables: [],
    fallback: "Sorry.",
    nodes: [
      {
        id: "route",
        type: "classify",
        position: { x: 0, y: 0 },
        config: {
          threshold: 0.45,
          intents: [{ name: "question", description: "A question", examples: ["a question"] }],
        },
      },
      { id: "answer", type: "reply", position: { x: 300, y: 0 }, config: { text: "Hi" } },
      { id: "bye", type: "end", position: { x: 300, y: 200 }, config: {} },
    ],
    edges: [
      { source: "route", target: "answer", branch: "question" },
      { source: "route", target: "bye", branch: "fallback" },
    ],
  };
}
