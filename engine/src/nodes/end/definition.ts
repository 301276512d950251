import { Type } from "@sinclair/typebox";
import { Template } from "../../schema/common.ts";
import { defineNode } from "../../schema/node-definition.ts";

export const endNode = defineNode({
  type: "end",
  label: "End",
  category: "logic",
  icon: "circle-stop",
  description:
    "Ends the conversation, optionally with a closing message; the next message starts over.",
  config: Type.Object({ text: Type.Optional(Template) }, { additionalProperties: false }),
  branches: () => [],
  pauses: false,
  final: true,
  summarize: (config) => config.text?.slice(0, 60) ?? "end of conversation",
  references: (config) => ({ templates: config.text ? [config.text] : [], expressions: [] }),
});
