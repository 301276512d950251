import { Type } from "@sinclair/typebox";
import { Expression, Identifier, ModelName, Template } from "../../schema/common.ts";
import { defineNode } from "../../schema/node-definition.ts";

const SlotKind = Type.Union(
  [
    Type.Literal("name"),
    Type.Literal("email"),
    Type.Literal("phone"),
    Type.Literal("company"),
    Type.Literal("budget"),
    Type.Literal("timeline"),
    Type.Literal("number"),
    Type.Literal("choice"),
    Type.Literal("text"),
  ],
  { description: "How the slot is recognised and validated." },
);

const Slot = Type.Object(
  {
    name: Identifier,
    kind: SlotKind,
    ask: Template,
    retry: Type.Optional(Template),
    required: Type.Boolean({ default: true }),
    choices: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
    pattern: Type.Optional(
      Type.String({ description: "A regular expression the value must match." }),
    ),
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
  },
  { additionalProperties: false },
);

export const salesNode = defineNode({
  type: "sales",
  label: "Qualify lead",
  category: "act",
  icon: "briefcase",
  description:
    "Fills lead slots across turns, one question at a time, re-asking on invalid answers, then routes qualified or not_qualified.",
  config: Type.Object(
    {
      model: Type.Optional(ModelName),
      slots: Type.Array(Slot, { minItems: 1 }),
      qualify: Type.Object(
        { when: Expression },
        {
          additionalProperties: false,
          description: "The lead is qualified when this expression over the slots is true.",
        },
      ),
      store: Type.String({
        default: "lead",
        pattern: "^[A-Za-z_][A-Za-z0-9_]*$",
        description: "The variable that holds the lead.",
      }),
      maxRetries: Type.Integer({ minimum: 0, maximum: 10, default: 2 }),
    },
    { additionalProperties: false },
  ),
  branches: () => [
    { label: "qualified", required: true },
    { label: "not_qualified", required: true },
  ],
  pauses: true,
  final: false,
  summarize: (config) => `${config.slots.map((s) => s.name).join(", ")} → ${config.qualify.when}`,
  references: (config) => ({
    templates: config.slots.flatMap((s) => [s.ask, ...(s.retry ? [s.retry] : [])]),
    expressions: [],
  }),
});
