import type { Kysely } from "kysely";
import type { Tables } from "../db/index.ts";
import type { Chat } from "./chat.table.ts";

/** A chat as the studio's conversation list shows it: with the flow it last ran and any open handoff. */
export type Conversation = Chat & {
  flowId: string | null;
  flowVersion: number | null;
  /** Whether a handoff of the chat waits on or is being worked by a human agent. */
  handoffOpen: boolean;
};

export interface ConversationFilter {
  channel?: string;
  userId?: string;
  /** Chats any of whose sessions ran this flow. */
  flowId?: string;
  limit?: number;
  /** The last chat's `updatedAt`, for the next page. */
  before?: string;
}

/**
 * Every user's chats, the most recently active first, narrowed by channel, user and flow: the
 * admin's view of conversations, unlike `listChats`, which is one user's.
 */
export async function listConversations(
  db: Kysely<Tables>,
  { channel, userId, flowId, limit = 50, before }: ConversationFilter = {},
): Promise<Conversation[]> {
  let query = db
    .selectFrom("chats")
    .selectAll("chats")
    .select((eb) => [
      eb
        .selectFrom("chatSessions")
        .select("chatSessions.flowId")
        .whereRef("chatSessions.chatId", "=", "chats.id")
        .orderBy("chatSessions.startedAt", "desc")
        .limit(1)
        .as("flowId"),
      eb
        .selectFrom("chatSessions")
        .select("chatSessions.flowVersion")
        .whereRef("chatSessions.chatId", "=", "chats.id")
        .orderBy("chatSessions.startedAt", "desc")
        .limit(1)
        .as("flowVersion"),
      eb
        .exists(
          eb
            .selectFrom("handoffs")
            .select("handoffs.id")
            .whereRef("handoffs.chatId", "=", "chats.id")
            .where("handoffs.status", "!=", "closed"),
        )
        .as("handoffOpen"),
    ])
    .orderBy("chats.updatedAt", "desc")
    .orderBy("chats.id", "desc")
    .limit(limit);
  if (channel !== undefined) query = query.where("chats.channel", "=", channel);
  if (userId !== undefined) query = query.where("chats.userId", "=", userId);
  if (before !== undefined) query = query.where("chats.updatedAt", "<", before);
  if (flowId !== undefined)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("chatSessions")
          .select("chatSessions.id")
          .whereRef("chatSessions.chatId", "=", "chats.id")
          .where("chatSessions.flowId", "=", flowId),
      ),
    );
  const rows = await query.execute();
  // SQLite answers EXISTS with 0 or 1, PostgreSQL with a boolean.
  return rows.map((row) => ({
    ...row,
    flowId: row.flowId ?? null,
    flowVersion: row.flowVersion === null ? null : Number(row.flowVersion),
    handoffOpen: Boolean(row.handoffOpen),
  }));
}
