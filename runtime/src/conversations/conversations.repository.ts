import { type ExpressionBuilder, type Kysely, sql } from "kysely";
import { serialRead, type Tables } from "../db/index.ts";
import type { Chat } from "./chat.table.ts";
import {
  type ConversationFigure,
  type ConversationScope,
  normalQuestion,
  questionPrefix,
  sessionInScope,
  turnInScope,
} from "./conversation-scope.ts";

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
  /** Chats with a conversation in the scope, the figure's when one is named. */
  scope?: ConversationScope;
  figure?: ConversationFigure;
}

/**
 * Every user's chats, the most recently active first, narrowed by channel, user and flow: the
 * admin's view of conversations, unlike `listChats`, which is one user's.
 */
export async function listConversations(
  db: Kysely<Tables>,
  { channel, userId, flowId, limit = 50, before, scope, figure }: ConversationFilter = {},
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
  if (scope !== undefined) query = query.where((eb) => behindFigure(eb, scope, figure));
  const compiled = query.compile();
  const { rows } = await serialRead(db, (reader) => reader.executeQuery(compiled));
  // SQLite answers EXISTS with 0 or 1, PostgreSQL with a boolean.
  return rows.map((row) => ({
    ...row,
    flowId: row.flowId ?? null,
    flowVersion: row.flowVersion === null ? null : Number(row.flowVersion),
    handoffOpen: Boolean(row.handoffOpen),
  }));
}

/** Whether a chat is one of those a figure of the analytics screen counts. */
function behindFigure(
  eb: ExpressionBuilder<Tables, "chats">,
  scope: ConversationScope,
  figure: ConversationFigure | undefined,
) {
  const turns = eb
    .selectFrom("runs")
    .select("runs.id")
    .whereRef("runs.chatId", "=", "chats.id")
    .where((runs) => turnInScope(runs, scope));
  switch (figure?.kind) {
    case undefined:
    case "contained":
    case "handoff": {
      let sessions = eb
        .selectFrom("chatSessions")
        .select("chatSessions.id")
        .whereRef("chatSessions.chatId", "=", "chats.id")
        .where((sessions) => sessionInScope(sessions, scope));
      if (figure)
        sessions = sessions.where((session) => {
          const handedOff = session.exists(
            session
              .selectFrom("runs")
              .select("runs.id")
              .whereRef("runs.threadId", "=", "chatSessions.id")
              .where("runs.outcome", "=", "handoff"),
          );
          return figure.kind === "handoff" ? handedOff : session.not(handedOff);
        });
      return eb.exists(sessions);
    }
    case "fallback":
    case "no_answer":
      return eb.exists(turns.where("runs.outcome", "=", figure.kind));
    case "intent":
      return eb.exists(turns.where("runs.intent", "=", figure.intent));
    case "question":
      // Few turns ask one question: found first by the question's index, their chats then
      // sorted, rather than every chat of the scope searched for one.
      return eb(
        "chats.id",
        "in",
        eb
          .selectFrom("chatMessages")
          .innerJoin("runs", "runs.messageId", "chatMessages.messageId")
          .select("runs.chatId")
          .where("chatMessages.role", "=", sql.lit("user"))
          .where((messages) =>
            messages(
              questionPrefix(normalQuestion(messages)),
              "=",
              questionPrefix(sql.val(figure.question)),
            ),
          )
          .where((messages) => messages(normalQuestion(messages), "=", figure.question))
          .where("runs.outcome", "in", ["fallback", "no_answer"])
          .where((runs) => turnInScope(runs, scope)),
      );
    case "rated":
      return eb.exists(turns.innerJoin("feedback", "feedback.messageId", "runs.messageId"));
  }
}
