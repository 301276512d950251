import {
  type Static,
  type TLiteral,
  type TObject,
  type TOptional,
  type TString,
  Type,
} from "@sinclair/typebox";
import { type NodeType, nodeDefinitions } from "../nodes/definitions.ts";
import { FlowLanguage, Identifier, Language } from "./common.ts";

export const Position = Type.Object(
  { x: Type.Number(), y: Type.Number() },
  { additionalProperties: false, description: "Where the studio draws the node." },
);

type NodeSchemaOf<K extends NodeType> = TObject<{
  id: typeof Identifier;
  type: TLiteral<K>;
  title: TOptional<TString>;
  config: (typeof nodeDefinitions)[K]["config"];
  position: TOptional<typeof Position>;
}>;

function nodeSchema<K extends NodeType>(type: K): NodeSchemaOf<K> {
  return Type.Object(
    {
      id: Identifier,
      type: Type.Literal(type),
      title: Type.Optional(Type.String({ maxLength: 120 })),
      config: nodeDefinitions[type].config,
      position: Type.Optional(Position),
    },
    { additionalProperties: false, title: `${type} node` },
  ) as unknown as NodeSchemaOf<K>;
}

export const ClassifyNode = nodeSchema("classify");
export const FaqNode = nodeSchema("faq");
export const SalesNode = nodeSchema("sales");
export const EscalateNode = nodeSchema("escalate");
export const LlmNode = nodeSchema("llm");
export const ConditionNode = nodeSchema("condition");
export const SetNode = nodeSchema("set");
export const ReplyNode = nodeSchema("reply");
export const HttpNode = nodeSchema("http");
export const EndNode = nodeSchema("end");

/** A node of the flow: a union discriminated on `type`. */
export const FlowNode = Type.Union(
  [
    ClassifyNode,
    FaqNode,
    SalesNode,
    EscalateNode,
    LlmNode,
    ConditionNode,
    SetNode,
    ReplyNode,
    HttpNode,
    EndNode,
  ],
  { discriminator: { propertyName: "type" } },
);

export const FlowEdge = Type.Object(
  {
    source: Identifier,
    target: Identifier,
    branch: Type.Optional(Identifier),
  },
  {
    additionalProperties: false,
    description: "A transition; edges leaving a routing node name the branch they take.",
  },
);

const VariableType = Type.Union([
  Type.Literal("string"),
  Type.Literal("number"),
  Type.Literal("boolean"),
  Type.Literal("object"),
  Type.Literal("array"),
]);

export const Variable = Type.Object(
  {
    name: Type.String({ pattern: "^[A-Za-z_][A-Za-z0-9_]*$" }),
    type: VariableType,
    default: Type.Optional(Type.Unknown()),
    description: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const KnowledgeRef = Type.Object(
  {
    id: Identifier,
    source: Type.String({
      minLength: 1,
      description:
        "A knowledge file (.json Q&A entries or .md document) relative to the flow file.",
    }),
    language: Type.Optional(
      Type.Union(Language.anyOf, {
        description:
          "The language the entries are written in, which they are searched in; the flow's language unless set (English for an `auto` flow).",
      }),
    ),
  },
  { additionalProperties: false },
);

export const Flow = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    id: Identifier,
    name: Type.String({ minLength: 1, maxLength: 120 }),
    version: Type.Integer({ minimum: 1 }),
    description: Type.Optional(Type.String()),
    entry: Identifier,
    language: FlowLanguage,
    models: Type.Array(Type.String({ minLength: 1 }), {
      default: ["default"],
      description: "Model catalog names this flow uses; the first is the default for its nodes.",
    }),
    knowledge: Type.Array(KnowledgeRef, { default: [] }),
    variables: Type.Array(Variable, { default: [] }),
    fallback: Type.String({
      default: "Sorry, something went wrong on my side. Please try again in a moment.",
      description: "The reply when a node fails and no error branch is connected.",
    }),
    nodes: Type.Array(FlowNode, { minItems: 1 }),
    edges: Type.Array(FlowEdge),
  },
  {
    additionalProperties: false,
    $id: "https://switchboard.dev/schema/flow.json",
    title: "Switchboard flow",
  },
);

export type Flow = Static<typeof Flow>;
export type FlowNode = Static<typeof FlowNode>;
export type FlowEdge = Static<typeof FlowEdge>;
export type Variable = Static<typeof Variable>;
export type KnowledgeRef = Static<typeof KnowledgeRef>;
/** The node of a given type, e.g. `NodeOf<"classify">`. */
export type NodeOf<K extends NodeType> = Extract<FlowNode, { type: K }>;
export type ConfigOf<K extends NodeType> = NodeOf<K>["config"];
