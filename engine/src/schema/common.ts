import { Type } from "@sinclair/typebox";

/** Identifiers used for flows, nodes, variables and branch labels. */
export const Identifier = Type.String({
  pattern: "^[A-Za-z_][A-Za-z0-9_-]*$",
  minLength: 1,
  maxLength: 64,
  description: "Letters, digits, '_' and '-', starting with a letter or '_'.",
});

/** A text with `{{variable}}` placeholders, rendered against the conversation state. */
export const Template = Type.String({
  description:
    "Text with {{variable}} placeholders (e.g. {{lead.name}}, {{intent}}, {{last_message}}).",
});

/** An expression in the flow expression language (see flows/README.md). */
export const Expression = Type.String({
  minLength: 1,
  description: "A safe expression over the state, e.g. `lead.budget >= 5000 && intent == 'sales'`.",
});

export const ModelName = Type.String({
  minLength: 1,
  description: "A model name from the model catalog; defaults to the flow's first model.",
});

/** How many past messages a model-backed node sends to the model. */
export const HistoryWindow = Type.Integer({
  minimum: 0,
  maximum: 500,
  default: 50,
  description: "How many past messages are sent to the model (a sliding window).",
});
