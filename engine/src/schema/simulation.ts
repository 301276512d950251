import { type Static, Type } from "@sinclair/typebox";

const TextExpectation = Type.Object(
  {
    contains: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        description: "Each text must appear (case-insensitive).",
      }),
    ),
    excludes: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    matches: Type.Optional(
      Type.String({ description: "A regular expression the reply must match (flag i)." }),
    ),
  },
  { additionalProperties: false },
);

export const TurnExpectation = Type.Object(
  {
    reply: Type.Optional(TextExpectation),
    intent: Type.Optional(Type.String()),
    visited: Type.Optional(
      Type.Array(Type.String(), {
        description: "Node ids visited in this turn, in order (a subsequence).",
      }),
    ),
    vars: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: "Variables (dotted paths allowed) and their expected values after the turn.",
      }),
    ),
    handoff: Type.Optional(
      Type.Union([
        Type.Literal("none"),
        Type.Literal("open"),
        Type.Literal("resolved"),
        Type.Literal("closed"),
      ]),
    ),
    status: Type.Optional(
      Type.Union([
        Type.Literal("waiting"),
        Type.Literal("handoff"),
        Type.Literal("ended"),
        Type.Literal("failed"),
      ]),
    ),
    quickReplies: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);

/** What happens in one simulated turn: a user message, or a human agent acting on a handoff. */
export const SimulationTurn = Type.Union([
  Type.Object(
    {
      user: Type.String({ minLength: 1 }),
      modelResponses: Type.Optional(
        Type.Array(Type.String(), {
          description: "What the scripted model answers, in order, for this turn's model calls.",
        }),
      ),
      expect: Type.Optional(TurnExpectation),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { agent: Type.String({ minLength: 1 }), expect: Type.Optional(TurnExpectation) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      handback: Type.Boolean(),
      modelResponses: Type.Optional(Type.Array(Type.String())),
      expect: Type.Optional(TurnExpectation),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { close: Type.Boolean(), expect: Type.Optional(TurnExpectation) },
    { additionalProperties: false },
  ),
]);

export const Simulation = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    description: Type.Optional(Type.String()),
    models: Type.Array(Type.Union([Type.Literal("local"), Type.Literal("scripted")]), {
      default: ["local"],
      description:
        "Which models the script runs on: the embedded local model and/or the scripted test model.",
    }),
    turns: Type.Array(SimulationTurn, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export const SimulationFile = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    flow: Type.String({ description: "The id of the flow these simulations exercise." }),
    simulations: Type.Array(Simulation, { minItems: 1 }),
  },
  { additionalProperties: false, title: "Switchboard simulations" },
);

export type TurnExpectation = Static<typeof TurnExpectation>;
export type SimulationTurn = Static<typeof SimulationTurn>;
export type Simulation = Static<typeof Simulation>;
export type SimulationFile = Static<typeof SimulationFile>;
