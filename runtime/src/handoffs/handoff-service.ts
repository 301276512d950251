import type { Principal } from "../accounts/index.ts";
import { findUserById } from "../accounts/index.ts";
import type { AuditLog } from "../audit/index.ts";
import type { AgentReply, EventHub, HandoffAction, TurnRunner } from "../conversations/index.ts";
import {
  type ChatNotice,
  type IdentifiedReply,
  INBOX_TOPIC,
  type InboxNotice,
  listRuns,
} from "../conversations/index.ts";
import type { Database } from "../db/index.ts";
import { AppError } from "../errors.ts";
import { type CustomerContext, customerContext } from "./customer-context.ts";
import { assignHandoff, type InboxItem, listInbox, markHandoffRead } from "./inbox.repository.ts";

/**
 * A handoff with what an agent needs beside it: the transcript (agents' names included), the
 * customer's variables, lead and recent intents, and the path on the flow version's canvas.
 */
export interface HandoffContext extends InboxItem, CustomerContext {
  /** The nodes the chat's last turns visited, oldest first: how the customer got here. */
  path: string[];
  messages: {
    messageId: string;
    role: string;
    content: string;
    agent: string | null;
    createdAt: string;
  }[];
}

/** How many of the chat's last messages the context's transcript holds. */
const TRANSCRIPT_LIMIT = 200;
/** How many of the chat's last turns the context's path covers. */
const PATH_TURNS = 5;

/**
 * The human agents' side of handoffs. Each action on the conversation is a turn of the chat, run
 * by the turn runner: the flow decides what follows a hand-back or a close, and the chat's
 * listeners (its sockets, its phone) and the staff's inbox are told live. Every action is
 * recorded in the audit log under the staff member who took it.
 */
export interface HandoffService {
  /** Handoffs waiting on or being worked by an agent, the oldest first. */
  listOpen(): Promise<InboxItem[]>;
  /** Who a handoff can be assigned or transferred to: active agents and admins. */
  agents(): Promise<{ id: string; name: string }[]>;
  /** @throws AppError `not_found` */
  context(handoffId: string): Promise<HandoffContext>;
  /** Takes an unassigned handoff (or one's own again). @throws AppError `conflict` when another agent has it. */
  claim(actor: Principal, handoffId: string): Promise<InboxItem>;
  /** Gives the handoff to an agent (a transfer when someone had it). */
  assign(actor: Principal, handoffId: string, userId: string): Promise<InboxItem>;
  /** The customer's messages so far are read. */
  markRead(actor: Principal, handoffId: string): Promise<void>;
  /** Tells the customer that the agent is typing. */
  typing(actor: Principal, handoffId: string): Promise<void>;
  /** A human agent's message, shown to the customer under the agent's name. */
  reply(actor: Principal, handoffId: string, text: string): Promise<AgentReply>;
  /** Hands the chat back to the bot; returns the flow's welcome-back replies. */
  handBack(actor: Principal, handoffId: string): Promise<IdentifiedReply[]>;
  /** Closes the handoff and the conversation; returns the flow's closing replies. */
  close(actor: Principal, handoffId: string): Promise<IdentifiedReply[]>;
}

/** @example const handoffs = createHandoffService({ database, turns, events, inbox, audit }); */
export function createHandoffService({
  database: { db },
  turns,
  events,
  inbox,
  audit,
}: {
  database: Database;
  turns: TurnRunner;
  events: EventHub<ChatNotice>;
  inbox: EventHub<InboxNotice>;
  audit: AuditLog;
}): HandoffService {
  const find = async (handoffId: string) => {
    // Only open handoffs can be acted on.
    const [handoff] = await listInbox(db, handoffId);
    if (!handoff) throw new AppError("not_found", `There is no open handoff "${handoffId}".`);
    return handoff;
  };
  const act = async (chatId: string, input: HandoffAction) => {
    const replies: IdentifiedReply[] = [];
    const stored = await turns.run({ chatId, input }, (event) => {
      if (event.type === "turn_ended") replies.push(...event.replies);
    });
    return { stored, replies };
  };
  const assignTo = async (
    actor: Principal,
    handoff: InboxItem,
    assignee: { id: string | null; name: string },
    action: string,
  ) => {
    await assignHandoff(db, handoff.id, assignee);
    await audit.record(actor, action, handoff.id, {
      chatId: handoff.chatId,
      to: assignee.name,
      ...(handoff.assigneeName ? { from: handoff.assigneeName } : {}),
    });
    inbox.publish(INBOX_TOPIC, { type: "assigned", chatId: handoff.chatId });
    return find(handoff.id);
  };

  return {
    listOpen: () => listInbox(db),

    agents: () =>
      db
        .selectFrom("users")
        .select(["id", "name"])
        .where("active", "=", 1)
        .where("role", "in", ["agent", "admin"])
        .orderBy("name")
        .execute(),

    async context(handoffId) {
      const handoff = await find(handoffId);
      const messages = await db
        .selectFrom("chatMessages")
        .leftJoin("handoffReplies", "handoffReplies.messageId", "chatMessages.messageId")
        .select([
          "chatMessages.messageId",
          "chatMessages.role",
          "chatMessages.content",
          "handoffReplies.agent",
          "chatMessages.createdAt",
        ])
        .where("chatMessages.chatId", "=", handoff.chatId)
        .orderBy("chatMessages.seq", "desc")
        .limit(TRANSCRIPT_LIMIT)
        .execute();
      messages.reverse();
      const runs = await listRuns(db, handoff.chatId, { limit: PATH_TURNS });
      const path = runs.reverse().flatMap((run) => run.nodes.map((node) => node.nodeId));
      const customer = await customerContext(db, handoff.chatId, handoff);
      return { ...handoff, ...customer, messages, path };
    },

    async claim(actor, handoffId) {
      const handoff = await find(handoffId);
      if (handoff.assigneeId && handoff.assigneeId !== actor.userId)
        throw new AppError(
          "conflict",
          `${handoff.assigneeName} works this handoff already; ask them or an admin to transfer it.`,
        );
      return assignTo(actor, handoff, { id: actor.userId, name: actor.name }, "handoff.claim");
    },

    async assign(actor, handoffId, userId) {
      const handoff = await find(handoffId);
      const user = await findUserById(db, userId);
      if (user?.active !== 1 || !["agent", "admin"].includes(user.role))
        throw new AppError("invalid_request", `There is no active agent "${userId}".`);
      const action = handoff.assigneeId ? "handoff.transfer" : "handoff.assign";
      return assignTo(actor, handoff, { id: user.id, name: user.name }, action);
    },

    async markRead(_actor, handoffId) {
      const handoff = await find(handoffId);
      await markHandoffRead(db, handoffId);
      inbox.publish(INBOX_TOPIC, { type: "read", chatId: handoff.chatId });
    },

    async typing(actor, handoffId) {
      const { chatId } = await find(handoffId);
      events.publish(chatId, { type: "agent_typing", chatId, agent: actor.name });
    },

    async reply(actor, handoffId, text) {
      const handoff = await find(handoffId);
      // Whoever replies to an unassigned handoff takes it, so two agents don't answer at once.
      if (!handoff.assigneeId)
        await assignHandoff(db, handoff.id, { id: actor.userId, name: actor.name });
      const { stored } = await act(handoff.chatId, { kind: "agent", text, agent: actor.name });
      if (!stored.agentReply) throw new Error("the agent's reply was not stored");
      await markHandoffRead(db, handoff.id);
      await audit.record(actor, "handoff.reply", handoff.id, { chatId: handoff.chatId });
      return stored.agentReply;
    },

    async handBack(actor, handoffId) {
      const handoff = await find(handoffId);
      const { replies } = await act(handoff.chatId, { kind: "handback" });
      await audit.record(actor, "handoff.hand_back", handoff.id, { chatId: handoff.chatId });
      return replies;
    },

    async close(actor, handoffId) {
      const handoff = await find(handoffId);
      const { replies } = await act(handoff.chatId, { kind: "close" });
      await audit.record(actor, "handoff.close", handoff.id, { chatId: handoff.chatId });
      return replies;
    },
  };
}
