import { type Kysely, sql } from "kysely";
import {
  type ConversationScope,
  normalQuestion,
  sessionInScope,
  turnInScope,
} from "../conversations/index.ts";
import type { Tables } from "../db/index.ts";

/** A day's conversations (sessions started that day) and what became of them. */
export interface ConversationsOfDay {
  day: string;
  conversations: number;
  handedOff: number;
  /** The users' turns those conversations took, whenever they took them. */
  turns: number;
}

/** A day's users' turns and how they came out. */
export interface TurnsOfDay {
  day: string;
  turns: number;
  fallbacks: number;
  noAnswers: number;
}

/** A day's feedback, on the turns that ran that day. */
export interface FeedbackOfDay {
  day: string;
  ratings: number;
  scoreSum: number;
  positive: number;
  negative: number;
}

/** How many turns share a label (an intent, a question). */
export interface Ranked {
  label: string;
  turns: number;
}

/** The `YYYY-MM-DD` of an ISO timestamp column: the same text on both dialects. */
const dayOf = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 10)`;

/** PostgreSQL answers counts and sums as strings, SQLite as numbers. */
const toNumber = (value: unknown) => Number(value ?? 0);

export async function conversationsByDay(
  db: Kysely<Tables>,
  scope: ConversationScope,
): Promise<ConversationsOfDay[]> {
  const sessions = db
    .selectFrom("chatSessions")
    .where((eb) => sessionInScope(eb, scope))
    .select((eb) => [
      dayOf("chatSessions.startedAt").as("day"),
      eb
        .selectFrom("runs")
        .select((runs) => runs.fn.countAll().as("count"))
        .whereRef("runs.threadId", "=", "chatSessions.id")
        .where("runs.outcome", "is not", null)
        .as("turns"),
      eb
        .case()
        .when(
          eb.exists(
            eb
              .selectFrom("runs")
              .select("runs.id")
              .whereRef("runs.threadId", "=", "chatSessions.id")
              .where("runs.outcome", "=", "handoff"),
          ),
        )
        .then(1)
        .else(0)
        .end()
        .as("handedOff"),
    ])
    .as("sessions");
  const rows = await db
    .selectFrom(sessions)
    .select((eb) => [
      "sessions.day",
      eb.fn.countAll().as("conversations"),
      eb.fn.sum("sessions.handedOff").as("handedOff"),
      eb.fn.sum("sessions.turns").as("turns"),
    ])
    .groupBy("sessions.day")
    .execute();
  return rows.map((row) => ({
    day: row.day,
    conversations: toNumber(row.conversations),
    handedOff: toNumber(row.handedOff),
    turns: toNumber(row.turns),
  }));
}

export async function turnsByDay(
  db: Kysely<Tables>,
  scope: ConversationScope,
): Promise<TurnsOfDay[]> {
  const day = dayOf("runs.startedAt");
  const rows = await db
    .selectFrom("runs")
    .where((eb) => turnInScope(eb, scope))
    .select((eb) => {
      const count = (outcome: "fallback" | "no_answer") =>
        eb.fn.sum(eb.case().when("runs.outcome", "=", outcome).then(1).else(0).end());
      return [
        day.as("day"),
        eb.fn.countAll().as("turns"),
        count("fallback").as("fallbacks"),
        count("no_answer").as("noAnswers"),
      ];
    })
    .groupBy(day)
    .execute();
  return rows.map((row) => ({
    day: row.day,
    turns: toNumber(row.turns),
    fallbacks: toNumber(row.fallbacks),
    noAnswers: toNumber(row.noAnswers),
  }));
}

export async function feedbackByDay(
  db: Kysely<Tables>,
  scope: ConversationScope,
): Promise<FeedbackOfDay[]> {
  const day = dayOf("runs.startedAt");
  const rows = await db
    .selectFrom("runs")
    .innerJoin("feedback", "feedback.messageId", "runs.messageId")
    .where((eb) => turnInScope(eb, scope))
    .select((eb) => {
      const count = (sign: ">" | "<") =>
        eb.fn.sum(eb.case().when("feedback.score", sign, 0).then(1).else(0).end());
      return [
        day.as("day"),
        eb.fn.countAll().as("ratings"),
        eb.fn.sum("feedback.score").as("scoreSum"),
        count(">").as("positive"),
        count("<").as("negative"),
      ];
    })
    .groupBy(day)
    .execute();
  return rows.map((row) => ({
    day: row.day,
    ratings: toNumber(row.ratings),
    scoreSum: toNumber(row.scoreSum),
    positive: toNumber(row.positive),
    negative: toNumber(row.negative),
  }));
}

/** The intents classify nodes routed most turns by, the commonest first. */
export async function topIntents(
  db: Kysely<Tables>,
  scope: ConversationScope,
  limit: number,
): Promise<Ranked[]> {
  const rows = await db
    .selectFrom("runs")
    .where((eb) => turnInScope(eb, scope))
    .where("runs.intent", "is not", null)
    .select((eb) => ["runs.intent", eb.fn.countAll().as("turns")])
    .groupBy("runs.intent")
    .orderBy("turns", "desc")
    .orderBy("runs.intent")
    .limit(limit)
    .execute();
  return rows.map((row) => ({ label: row.intent ?? "", turns: toNumber(row.turns) }));
}

/** The questions asked most often in turns that fell back or found no answer. */
export async function topUnanswered(
  db: Kysely<Tables>,
  scope: ConversationScope,
  limit: number,
): Promise<Ranked[]> {
  const rows = await db
    .selectFrom("runs")
    .innerJoin("chatMessages", "chatMessages.messageId", "runs.messageId")
    .where((eb) => turnInScope(eb, scope))
    .where("runs.outcome", "in", ["fallback", "no_answer"])
    .select((eb) => [normalQuestion(eb).as("question"), eb.fn.countAll().as("turns")])
    .groupBy((eb) => normalQuestion(eb))
    .orderBy("turns", "desc")
    .orderBy("question")
    .limit(limit)
    .execute();
  return rows.map((row) => ({ label: row.question, turns: toNumber(row.turns) }));
}
