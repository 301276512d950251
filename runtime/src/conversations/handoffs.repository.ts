import type { Kysely, Selectable } from "kysely";
import type { Tables } from "../db/index.ts";
import { inTransaction } from "../db/index.ts";
import type { HandoffTable } from "./handoff.table.ts";
import { addMessages } from "./messages.repository.ts";

export type Handoff = Selectable<HandoffTable>;

export interface AgentReply {
  messageId: string;
  agent: string;
  content: string;
  createdAt: string;
}

/** Escalates a chat to the human agents; a chat has at most one handoff not closed, which this returns if there is one. */
export async function openHandoff(
  db: Kysely<Tables>,
  chatId: string,
  reason?: string,
  now = new Date(),
): Promise<Handoff> {
  return inTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom("handoffs")
      .selectAll()
      .where("chatId", "=", chatId)
      .where("status", "!=", "closed")
      .executeTakeFirst();
    if (current) return current;
    const handoff: Handoff = {
      id: crypto.randomUUID(),
      chatId,
      reason: reason ?? null,
      status: "open",
      outcome: null,
      openedAt: now.toISOString(),
      answeredAt: null,
      closedAt: null,
      assigneeId: null,
      assigneeName: null,
      agentReadAt: null,
    };
    await trx.insertInto("handoffs").values(handoff).execute();
    return handoff;
  });
}

/**
 * Records an agent's reply: a message in the chat (role "agent") tied to the handoff, which
 * becomes answered.
 */
export async function addAgentReply(
  db: Kysely<Tables>,
  handoffId: string,
  { agent, content }: { agent: string; content: string },
  now = new Date(),
): Promise<AgentReply> {
  return inTransaction(db, async (trx) => {
    const handoff = await trx
      .selectFrom("handoffs")
      .select(["chatId", "status", "answeredAt"])
      .where("id", "=", handoffId)
      .executeTakeFirstOrThrow(() => new RangeError(`there is no handoff ${handoffId}`));
    if (handoff.status === "closed") throw new RangeError(`handoff ${handoffId} is closed`);
    const [message] = await addMessages(trx, handoff.chatId, [{ role: "agent", content }], now);
    if (!message) throw new Error("addMessages returned no message");
    await trx
      .insertInto("handoffReplies")
      .values({ handoffId, messageId: message.messageId, agent, createdAt: message.createdAt })
      .execute();
    await trx
      .updateTable("handoffs")
      .set({ status: "answered", answeredAt: handoff.answeredAt ?? message.createdAt })
      .where("id", "=", handoffId)
      .execute();
    return { messageId: message.messageId, agent, content, createdAt: message.createdAt };
  });
}

/** Closes the handoff as settled by the agent. */
export function resolveHandoff(
  db: Kysely<Tables>,
  handoffId: string,
  now = new Date(),
): Promise<boolean> {
  return closeWith(db, handoffId, "resolved", now);
}

/** Closes the handoff without a resolution: spam, a user who left, a duplicate. */
export function closeHandoff(
  db: Kysely<Tables>,
  handoffId: string,
  now = new Date(),
): Promise<boolean> {
  return closeWith(db, handoffId, "dismissed", now);
}

/** Handoffs waiting on or being worked by an agent, the oldest first. */
export async function listOpenHandoffs(db: Kysely<Tables>): Promise<Handoff[]> {
  return db
    .selectFrom("handoffs")
    .selectAll()
    .where("status", "!=", "closed")
    .orderBy("openedAt")
    .execute();
}

/** The agents' replies in a handoff, in order. */
export async function listAgentReplies(
  db: Kysely<Tables>,
  handoffId: string,
): Promise<AgentReply[]> {
  return db
    .selectFrom("handoffReplies")
    .innerJoin("chatMessages", "chatMessages.messageId", "handoffReplies.messageId")
    .select([
      "handoffReplies.messageId",
      "handoffReplies.agent",
      "chatMessages.content",
      "handoffReplies.createdAt",
    ])
    .where("handoffReplies.handoffId", "=", handoffId)
    .orderBy("chatMessages.seq")
    .execute();
}

async function closeWith(
  db: Kysely<Tables>,
  handoffId: string,
  outcome: "resolved" | "dismissed",
  now: Date,
): Promise<boolean> {
  const { numUpdatedRows } = await db
    .updateTable("handoffs")
    .set({ status: "closed", outcome, closedAt: now.toISOString() })
    .where("id", "=", handoffId)
    .where("status", "!=", "closed")
    .executeTakeFirst();
  return numUpdatedRows > 0n;
}

/** The chat's handoff that is not closed, if any (there is at most one). */
export async function findOpenHandoff(
  db: Kysely<Tables>,
  chatId: string,
): Promise<Handoff | undefined> {
  return db
    .selectFrom("handoffs")
    .selectAll()
    .where("chatId", "=", chatId)
    .where("status", "!=", "closed")
    .executeTakeFirst();
}

/**
 * Where the customer stands with the people behind the chat, for a page that reloads: waiting
 * for one, talking to one (by name), back with the assistant after a hand-back, or none of it.
 */
export type HandoffState =
  | { state: "none" | "waiting" | "handed_back"; agent: null }
  | { state: "agent"; agent: string };

export async function findHandoffState(db: Kysely<Tables>, chatId: string): Promise<HandoffState> {
  const latest = await db
    .selectFrom("handoffs")
    .select(["id", "status", "outcome", "assigneeName"])
    .where("chatId", "=", chatId)
    .orderBy("openedAt", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!latest) return { state: "none", agent: null };
  if (latest.status === "closed")
    return { state: latest.outcome === "resolved" ? "handed_back" : "none", agent: null };
  const lastReply = await db
    .selectFrom("handoffReplies")
    .select("agent")
    .where("handoffId", "=", latest.id)
    .orderBy("createdAt", "desc")
    .limit(1)
    .executeTakeFirst();
  const agent = lastReply?.agent ?? latest.assigneeName;
  return agent ? { state: "agent", agent } : { state: "waiting", agent: null };
}

/**
 * Who wrote the agent's message before this one in the same handoff: undefined when it is the
 * handoff's first, or when `messageId` is no agent's message.
 */
export async function findPreviousAgent(
  db: Kysely<Tables>,
  messageId: string,
): Promise<string | undefined> {
  const replies = db
    .selectFrom("handoffReplies")
    .innerJoin("chatMessages", "chatMessages.messageId", "handoffReplies.messageId");
  const reply = await replies
    .select(["handoffReplies.handoffId", "chatMessages.seq"])
    .where("handoffReplies.messageId", "=", messageId)
    .executeTakeFirst();
  if (!reply) return undefined;
  const previous = await replies
    .select("handoffReplies.agent")
    .where("handoffReplies.handoffId", "=", reply.handoffId)
    .where("chatMessages.seq", "<", reply.seq)
    .orderBy("chatMessages.seq", "desc")
    .limit(1)
    .executeTakeFirst();
  return previous?.agent;
}
