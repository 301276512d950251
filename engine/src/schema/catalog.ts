import { type Static, Type } from "@sinclair/typebox";

const Retry = Type.Object(
  {
    timeoutMs: Type.Integer({ minimum: 1, default: 30000 }),
    maxAttempts: Type.Integer({ minimum: 1, maximum: 10, default: 3 }),
  },
  { additionalProperties: false },
);

const common = {
  description: Type.Optional(Type.String()),
  fallbacks: Type.Optional(
    Type.Array(Type.String({ minLength: 1 }), { description: "Models to try next when this one fails." }),
  ),
  retry: Type.Optional(Retry),
};

/** One entry of the model catalog: what a model name a flow uses really is. */
export const ModelEntry = Type.Union([
  Type.Object({ provider: Type.Literal("local"), ...common }, { additionalProperties: false }),
  Type.Object(
    {
      provider: Type.Literal("scripted"),
      responses: Type.Optional(Type.Array(Type.String())),
      ...common,
    },
    { additionalProperties: false },
  ),
]);

export const ModelCatalog = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    models: Type.Record(Type.String({ minLength: 1 }), ModelEntry),
  },
  { additionalProperties: false, title: "Switchboard model catalog" },
);

export type ModelEntry = Static<typeof ModelEntry>;
export type ModelCatalog = Static<typeof ModelCatalog>;
export type ProviderName = ModelEntry["provider"];
