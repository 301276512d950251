import { type Kysely, sql } from "kysely";
import type { Tables } from "../db/index.ts";

/** A handoff as the inbox lists it: where it came from, who works it, what is unread. */
export interface InboxItem {
  id: string;
  chatId: string;
  reason: string | null;
  status: "open" | "answered" | "closed";
  openedAt: string;
  answeredAt: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  channel: string;
  userId: string;
  flowId: string | null;
  flowVersion: number | null;
  /** The customer's messages since the handoff opened, or since an agent last read the chat. */
  unread: number;
  preview: string | null;
}

/** Handoffs not closed, the oldest first, with their chat's channel, flow and unread count. */
export async function listInbox(db: Kysely<Tables>, handoffId?: string): Promise<InboxItem[]> {
  let query = db
    .selectFrom("handoffs")
    .innerJoin("chats", "chats.id", "handoffs.chatId")
    .select([
      "handoffs.id",
      "handoffs.chatId",
      "handoffs.reason",
      "handoffs.status",
      "handoffs.openedAt",
      "handoffs.answeredAt",
      "handoffs.assigneeId",
      "handoffs.assigneeName",
      "chats.channel",
      "chats.userId",
      "chats.preview",
    ])
    .select((eb) => [
      eb
        .selectFrom("chatSessions")
        .select("chatSessions.flowId")
        .whereRef("chatSessions.chatId", "=", "handoffs.chatId")
        .orderBy("chatSessions.startedAt", "desc")
        .limit(1)
        .as("flowId"),
      eb
        .selectFrom("chatSessions")
        .select("chatSessions.flowVersion")
        .whereRef("chatSessions.chatId", "=", "handoffs.chatId")
        .orderBy("chatSessions.startedAt", "desc")
        .limit(1)
        .as("flowVersion"),
      eb
        .selectFrom("chatMessages")
        .select((count) => count.fn.countAll<number>().as("n"))
        .whereRef("chatMessages.chatId", "=", "handoffs.chatId")
        .where("chatMessages.role", "=", "user")
        .where(
          "chatMessages.createdAt",
          ">",
          sql<string>`coalesce(${sql.ref("handoffs.agentReadAt")}, ${sql.ref("handoffs.openedAt")})`,
        )
        .as("unread"),
    ])
    .where("handoffs.status", "!=", "closed")
    .orderBy("handoffs.openedAt");
  if (handoffId) query = query.where("handoffs.id", "=", handoffId);
  return (await query.execute()).map((row) => ({
    ...row,
    flowVersion: row.flowVersion === null ? null : Number(row.flowVersion),
    unread: Number(row.unread ?? 0),
  }));
}

/** Who works a handoff now. */
export async function assignHandoff(
  db: Kysely<Tables>,
  handoffId: string,
  assignee: { id: string | null; name: string },
): Promise<void> {
  await db
    .updateTable("handoffs")
    .set({ assigneeId: assignee.id, assigneeName: assignee.name })
    .where("id", "=", handoffId)
    .execute();
}

/** The customer's messages so far count as read. */
export async function markHandoffRead(db: Kysely<Tables>, handoffId: string): Promise<void> {
  await db
    .updateTable("handoffs")
    .set({ agentReadAt: new Date().toISOString() })
    .where("id", "=", handoffId)
    .execute();
}
