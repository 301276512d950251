import { Type } from "@sinclair/typebox";
import { Template } from "../../schema/common.ts";
import { defineNode } from "../../schema/node-definition.ts";

const QuickReply = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 256 }),
    title: Type.String({
      minLength: 1,
      maxLength: 20,
      description: "Button text (WhatsApp allows 20 characters).",
    }),
  },
  { additionalProperties: false },
);

export const replyNode = defineNode({
  type: "reply",
  label: "Reply",
  category: "answer",
  icon: "message-square",
  description: "Sends a templated message, optionally with quick-reply buttons.",
  config: Type.Object(
    {
      text: Template,
      quickReplies: Type.Optional(Type.Array(QuickReply, { maxItems: 10 })),
    },
    { additionalProperties: false },
  ),
  branches: () => [],
  pauses: false,
  final: true,
  summarize: (config) => config.text.slice(0, 60),
  references: (config) => ({ templates: [config.text], expressions: [] }),
});
