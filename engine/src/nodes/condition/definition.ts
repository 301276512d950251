import { Type } from "@sinclair/typebox";
import { Expression, Identifier } from "../../schema/common.ts";
import { defineNode } from "../../schema/node-definition.ts";

export const conditionNode = defineNode({
  type: "condition",
  label: "Condition",
  category: "logic",
  icon: "git-branch",
  description: "Takes the first branch whose expression is true, else the default branch.",
  config: Type.Object(
    {
      rules: Type.Array(
        Type.Object({ label: Identifier, when: Expression }, { additionalProperties: false }),
        { minItems: 1 },
      ),
    },
    { additionalProperties: false },
  ),
  branches: (config) => [
    ...config.rules.map((rule) => ({ label: rule.label, required: true })),
    { label: "default", required: true },
  ],
  pauses: false,
  final: false,
  summarize: (config) => config.rules.map((r) => `${r.label}: ${r.when}`).join("; "),
  references: (config) => ({ templates: [], expressions: config.rules.map((r) => r.when) }),
});
