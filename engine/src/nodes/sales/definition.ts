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
    ask: Type.Optional(
      Type.String({
        description:
          "The question, a template. Without one the local model asks its own question for the slot's kind, in the user's language.",
      }),
    ),
    retry: Type.Optional(Template),
    required: Type.Boolean({ default: true }),
    choices: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
    pattern: Type.Optional(
      Type.String({ description: "A regular expression the value must match." }),
    ),
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
    units: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        description:
          'For a number: the words for what is counted, in each language the flow speaks ("bikes", "bicicletas"). A number followed by one is read even unprompted, and before other numbers.',
      }),
    ),
  },
  { additionalProperties: false },
);

const digressionIntents = Type.Array(Identifier, {
  minItems: 1,
  description: "Intents of the digression classifier that trigger this action.",
});

/**
 * What a sales node does with a message that belongs to another intent while it waits for a
 * slot (Rasa's unhappy paths, Botpress's digressions): a union discriminated on `action`.
 */
const Digression = Type.Union(
  [
    Type.Object(
      {
        action: Type.Literal("answer"),
        intents: digressionIntents,
        knowledge: Identifier,
        minScore: Type.Number({ minimum: 0, maximum: 1, default: 0.3 }),
      },
      {
        additionalProperties: false,
        title: "Answer and come back",
        description:
          "Answers the question from a knowledge base, then asks the slot's question again.",
      },
    ),
    Type.Object(
      { action: Type.Literal("handoff"), intents: digressionIntents },
      {
        additionalProperties: false,
        title: "Hand off",
        description: "Leaves the form by the `handoff` branch (connect it to an escalate node).",
      },
    ),
    Type.Object(
      {
        action: Type.Literal("stop"),
        intents: digressionIntents,
        message: Type.Optional(Template),
      },
      {
        additionalProperties: false,
        title: "Stop the form",
        description:
          "Forgets the form's progress, says `message` if set, and leaves by the `stopped` branch.",
      },
    ),
  ],
  { discriminator: { propertyName: "action" } },
);

const Digressions = Type.Object(
  {
    classifier: Type.String({
      pattern: "^[A-Za-z_][A-Za-z0-9_-]*$",
      description:
        "The id of a classify node of this flow: its intents and model tell what a message is about.",
    }),
    minConfidence: Type.Number({
      minimum: 0,
      maximum: 1,
      default: 0.6,
      description: "How sure the classifier must be before the form lets go of a message.",
    }),
    handle: Type.Array(Digression, { minItems: 1 }),
  },
  {
    additionalProperties: false,
    description:
      "While a slot is awaited, a message that clearly belongs to another intent is handled instead of being taken as the answer. Clear answers to precise slots (email, phone, number, budget, timeline) always count as answers.",
  },
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
      digressions: Type.Optional(Digressions),
    },
    { additionalProperties: false },
  ),
  branches: (config) => {
    const actions = new Set(config.digressions?.handle.map((d) => d.action));
    return [
      { label: "qualified", required: true },
      { label: "not_qualified", required: true },
      ...(actions.has("handoff") ? [{ label: "handoff", required: true }] : []),
      ...(actions.has("stop") ? [{ label: "stopped", required: true }] : []),
    ];
  },
  pauses: true,
  final: false,
  summarize: (config) => `${config.slots.map((s) => s.name).join(", ")} → ${config.qualify.when}`,
  references: (config) => ({
    templates: [
      ...config.slots.flatMap((s) => [...(s.ask ? [s.ask] : []), ...(s.retry ? [s.retry] : [])]),
      ...(config.digressions?.handle.flatMap((d) =>
        d.action === "stop" && d.message ? [d.message] : [],
      ) ?? []),
    ],
    expressions: [],
  }),
});
