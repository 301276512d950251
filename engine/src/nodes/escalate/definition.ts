import { Type } from "@sinclair/typebox";
import { Template } from "../../schema/common.ts";
import { defineNode } from "../../schema/node-definition.ts";

export const escalateNode = defineNode({
  type: "escalate",
  label: "Hand to a human",
  category: "act",
  icon: "headset",
  description:
    "Hands the conversation to a human agent with a reason and a summary, and pauses the bot until the agent hands it back (resolved) or closes it.",
  config: Type.Object(
    {
      reason: Template,
      message: Template,
      queue: Type.String({ default: "support", minLength: 1 }),
      handback: Type.Optional(Template),
    },
    { additionalProperties: false },
  ),
  branches: () => [
    { label: "resolved", required: true },
    { label: "closed", required: false },
  ],
  pauses: true,
  final: true,
  summarize: (config) => `queue ${config.queue}`,
  references: (config) => ({
    templates: [config.reason, config.message, ...(config.handback ? [config.handback] : [])],
    expressions: [],
  }),
});
