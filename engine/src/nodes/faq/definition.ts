import { Type } from "@sinclair/typebox";
import { HistoryWindow, Identifier, ModelName } from "../../schema/common.ts";
import { defineNode } from "../../schema/node-definition.ts";

export const faqNode = defineNode({
  type: "faq",
  label: "Answer from knowledge",
  category: "answer",
  icon: "book-open",
  description:
    "Answers the user's question from a knowledge base: retrieves the best passages, then answers grounded in them with citations, or takes no_answer.",
  config: Type.Object(
    {
      knowledge: Identifier,
      model: Type.Optional(ModelName),
      topK: Type.Integer({ minimum: 1, maximum: 20, default: 3 }),
      minScore: Type.Number({
        minimum: 0,
        maximum: 1,
        default: 0.3,
        description: "Relevance (0–1) under which the question counts as unanswered.",
      }),
      instructions: Type.Optional(
        Type.String({ description: "Extra system instructions for the answering model." }),
      ),
      citations: Type.Boolean({ default: true, description: "Name the entries used." }),
      history: Type.Optional(HistoryWindow),
    },
    { additionalProperties: false },
  ),
  branches: () => [
    { label: "answered", required: true },
    { label: "no_answer", required: true },
  ],
  pauses: true,
  final: false,
  summarize: (config) => `from ${config.knowledge}, top ${config.topK}`,
  references: (config) => ({
    templates: config.instructions ? [config.instructions] : [],
    expressions: [],
  }),
});
