import type { IdentifiedReply } from "../conversations/conversation-events.ts";
import {
  type AgentReply,
  type Handoff,
  listOpenHandoffs,
} from "../conversations/handoffs.repository.ts";
import type { HandoffAction, TurnRunner } from "../conversations/turn-runner.ts";
import type { Database } from "../db/database.ts";
import { AppError } from "../errors.ts";

/**
 * The human agents' side of handoffs. Each action is a turn of the chat, run by the turn runner:
 * the flow decides what follows a hand-back or a close, and the chat's listeners (its sockets,
 * its phone) are told live.
 */
export interface HandoffService {
  /** Handoffs waiting on or being worked by an agent, the oldest first. */
  listOpen(): Promise<Handoff[]>;
  /** The chat of an open handoff. @throws AppError `not_found` */
  chatOf(handoffId: string): Promise<string>;
  /** A human agent's message in a handed-off chat. */
  agentReply(chatId: string, text: string, agent?: string): Promise<AgentReply>;
  /** Hands the chat back to the bot; returns the flow's welcome-back replies. */
  handBack(chatId: string): Promise<IdentifiedReply[]>;
  /** Closes the handoff and the conversation; returns the flow's closing replies. */
  close(chatId: string): Promise<IdentifiedReply[]>;
}

/** @example const handoffs = createHandoffService({ database, turns }); */
export function createHandoffService({
  database: { db },
  turns,
}: {
  database: Database;
  turns: TurnRunner;
}): HandoffService {
  const act = async (chatId: string, input: HandoffAction) => {
    const replies: IdentifiedReply[] = [];
    const stored = await turns.run({ chatId, input }, (event) => {
      if (event.type === "turn_ended") replies.push(...event.replies);
    });
    return { stored, replies };
  };

  return {
    listOpen: () => listOpenHandoffs(db),
    async chatOf(handoffId) {
      // Only open handoffs can be acted on, and there are few of them, so the open list is the lookup.
      const handoff = (await listOpenHandoffs(db)).find((open) => open.id === handoffId);
      if (!handoff) throw new AppError("not_found", `There is no open handoff "${handoffId}".`);
      return handoff.chatId;
    },
    async agentReply(chatId, text, agent = "agent") {
      const { stored } = await act(chatId, { kind: "agent", text, agent });
      if (!stored.agentReply) throw new Error("the agent's reply was not stored");
      return stored.agentReply;
    },
    handBack: async (chatId) => (await act(chatId, { kind: "handback" })).replies,
    close: async (chatId) => (await act(chatId, { kind: "close" })).replies,
  };
}
