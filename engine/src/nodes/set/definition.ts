import { Type } from "@sinclair/typebox";
import { Expression, Identifier } from "../../schema/common.ts";
import { defineNode } from "../../schema/node-definition.ts";

export const setNode = defineNode({
  type: "set",
  label: "Set variables",
  category: "logic",
  icon: "variable",
  description: "Assigns declared variables from expressions.",
  config: Type.Object(
    {
      assign: Type.Array(
        Type.Object({ variable: Identifier, value: Expression }, { additionalProperties: false }),
        { minItems: 1 },
      ),
    },
    { additionalProperties: false },
  ),
  branches: () => [],
  pauses: false,
  final: false,
  summarize: (config) => config.assign.map((a) => `${a.variable} = ${a.value}`).join("; "),
  references: (config) => ({ templates: [], expressions: config.assign.map((a) => a.value) }),
});
