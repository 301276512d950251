import type { NodeOf } from "../../schema/flow.ts";
import { renderTemplate } from "../../template.ts";
import { replyMessage } from "../messages.ts";
import type { NodeImplementation } from "../node-runner.ts";

export const endImplementation: NodeImplementation<NodeOf<"end">> = {
  needsUserMessage: () => false,
  compile: (node) => async (_state, run) => {
    const text = node.config.text ? renderTemplate(node.config.text, run.scope) : "";
    return { messages: text ? [replyMessage(text, { nodeId: node.id, author: "bot" })] : [] };
  },
};
