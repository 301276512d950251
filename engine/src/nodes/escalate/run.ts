import { HumanMessage } from "@langchain/core/messages";
import { interrupt } from "@langchain/langgraph";
import type { NodeOf } from "../../schema/flow.ts";
import type { FlowStateValue, Handoff } from "../../state.ts";
import { renderTemplate } from "../../template.ts";
import type { TurnInput } from "../../turn/turn-event.ts";
import { replyMessage, replyOf, textOf } from "../messages.ts";
import { type NodeImplementation, type NodeResult, STAY } from "../node-runner.ts";

/** What an escalate node waits for: a human agent's action, or more words from the user. */
export interface HandoffWait {
  waitingFor: "agent";
  nodeId: string;
  handoff: Handoff;
}

/** The last few messages as lines a human agent reads at a glance. */
function summarize(state: FlowStateValue): string {
  return state.messages
    .slice(-6)
    .map((m) => `${replyOf(m) ? "Bot" : "User"}: ${textOf(m).slice(0, 200)}`)
    .join("\n");
}

export const escalateImplementation: NodeImplementation<NodeOf<"escalate">> = {
  needsUserMessage: () => false,
  compile: (node) => async (state, run) => {
    const now = new Date().toISOString();
    const current = state.bookkeeping.handoff;
    if (current?.status !== "open" || current.nodeId !== node.id) {
      const handoff: Handoff = {
        status: "open",
        nodeId: node.id,
        queue: node.config.queue,
        reason: renderTemplate(node.config.reason, run.scope),
        summary: summarize(state),
        openedAt: now,
        updatedAt: now,
      };
      run.emit({ type: "handoff", handoff });
      return {
        route: STAY,
        handoff,
        messages: [
          replyMessage(renderTemplate(node.config.message, run.scope), {
            nodeId: node.id,
            author: "bot",
          }),
        ],
      };
    }

    const input = interrupt<HandoffWait, TurnInput>({
      waitingFor: "agent",
      nodeId: node.id,
      handoff: current,
    });
    const update = (status: Handoff["status"]): Handoff => {
      const handoff = { ...current, status, updatedAt: now };
      run.emit({ type: "handoff", handoff });
      return handoff;
    };
    switch (input.kind) {
      case "user":
        return { route: STAY, messages: [new HumanMessage(input.text)], replied: true };
      case "agent":
        return {
          route: STAY,
          messages: [replyMessage(input.text, { nodeId: node.id, author: "agent" })],
        };
      case "handback": {
        const text = node.config.handback ? renderTemplate(node.config.handback, run.scope) : "";
        const result: NodeResult = { route: "resolved", handoff: update("resolved") };
        return text
          ? { ...result, messages: [replyMessage(text, { nodeId: node.id, author: "bot" })] }
          : result;
      }
      case "close":
        return { route: "closed", handoff: update("closed") };
    }
  },
};
