import type { NodeOf } from "../../schema/flow.ts";
import { renderTemplate } from "../../template.ts";
import { replyMessage } from "../messages.ts";
import type { NodeImplementation } from "../node-runner.ts";

export const replyImplementation: NodeImplementation<NodeOf<"reply">> = {
  needsUserMessage: () => false,
  compile: (node, context) => {
    // The flow's first node greets: the user's first message is still unanswered after it, so
    // the node after it (a classifier) reads it instead of waiting for another one.
    const greets = context.flow.entry === node.id;
    return async (state, run) => ({
      messages: [
        replyMessage(renderTemplate(node.config.text, run.scope), {
          nodeId: node.id,
          author: "bot",
          quickReplies: node.config.quickReplies,
        }),
      ],
      ...(greets ? { replied: state.bookkeeping.replied } : {}),
    });
  },
};
