import { Type } from "@sinclair/typebox";
import { HistoryWindow, Identifier, ModelName } from "../../schema/common.ts";
import { defineNode } from "../../schema/node-definition.ts";

const Intent = Type.Object(
  {
    name: Identifier,
    description: Type.String({ description: "What the user wants when this intent applies." }),
    examples: Type.Array(Type.String({ minLength: 1 }), {
      minItems: 1,
      description: "Example utterances; the local model learns the intent from these.",
    }),
  },
  { additionalProperties: false },
);

export const classifyNode = defineNode({
  type: "classify",
  label: "Classify intent",
  category: "understand",
  icon: "split",
  description:
    "Works out what the user wants and routes by intent; below the confidence threshold it takes the fallback branch.",
  config: Type.Object(
    {
      model: Type.Optional(ModelName),
      intents: Type.Array(Intent, { minItems: 1 }),
      threshold: Type.Number({
        minimum: 0,
        maximum: 1,
        default: 0.45,
        description: "Confidence below which the fallback branch is taken.",
      }),
      history: Type.Optional(HistoryWindow),
    },
    { additionalProperties: false },
  ),
  branches: (config) => [
    ...config.intents.map((intent) => ({ label: intent.name, required: true })),
    { label: "fallback", required: true },
  ],
  pauses: true,
  final: false,
  summarize: (config) => `${config.intents.map((i) => i.name).join(" · ")} (≥ ${config.threshold})`,
  references: () => ({ templates: [], expressions: [] }),
});
