import { Type } from "@sinclair/typebox";
import { HistoryWindow, Identifier, ModelName, Template } from "../../schema/common.ts";
import { defineNode } from "../../schema/node-definition.ts";

export const llmNode = defineNode({
  type: "llm",
  label: "Generate with LLM",
  category: "answer",
  icon: "sparkles",
  description:
    "Sends a prompt template to a model and streams its answer to the user; on the local model it answers with the fallback text.",
  config: Type.Object(
    {
      model: Type.Optional(ModelName),
      system: Type.Optional(Template),
      prompt: Template,
      temperature: Type.Number({ minimum: 0, maximum: 2, default: 0.3 }),
      maxTokens: Type.Integer({ minimum: 1, maximum: 32768, default: 512 }),
      fallback: Template,
      history: Type.Optional(HistoryWindow),
      output: Type.Optional(Identifier),
    },
    { additionalProperties: false },
  ),
  branches: () => [{ label: "error", required: false }],
  pauses: false,
  final: true,
  summarize: (config) => config.prompt.slice(0, 60),
  references: (config) => ({
    templates: [config.prompt, config.fallback, ...(config.system ? [config.system] : [])],
    expressions: [],
  }),
});
