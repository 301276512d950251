import { type Static, Type } from "@sinclair/typebox";

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

/** The languages the local model understands and speaks: `LANGUAGES` of the text pipeline. */
export const Language = Type.Union([Type.Literal("en"), Type.Literal("pt"), Type.Literal("es")]);

/** A flow's language: one of {@link Language}, or `auto` to detect it for each message. */
export const FlowLanguage = Type.Union([Language, Type.Literal("auto")], {
  default: "en",
  description:
    "The language the flow's users write in (en, pt or es), or auto: detected for each message. Tokenising, stemming, entities, the FAQ search and the local model's own texts follow it.",
});
export type FlowLanguage = Static<typeof FlowLanguage>;
