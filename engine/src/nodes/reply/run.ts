import type { NodeOf } from "../../schema/flow.ts";
import { renderTemplate } from "../../template.ts";
import { replyMessage } from "../messages.ts";
import type { NodeImplementation } from "../node-runner.ts";

export const replyImplementation: NodeImplementation<NodeOf<"reply">> = {
  needsUserMessage: () => false,
  compile: (node) => async (_state, run) => ({
    messages: [
      replyMessage(renderTemplate(node.config.text, run.scope), {
        nodeId: node.id,
        author: "bot",
        quickReplies: node.config.quickReplies,
      }),
    ],
  }),
};
