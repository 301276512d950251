import { type Kysely, sql } from "kysely";
import { preparedQuery, type Tables } from "../db/index.ts";
import { normalQuestion } from "./conversation-scope.ts";
import type { RunOutcome, RunTable } from "./run.table.ts";

/*
 * The analytics rollups, written in the transaction that writes what they count, so they are
 * exactly the detailed tables' figures: each write adds to a day's row with an upsert
 * (`on conflict … do update set n = n + excluded.n`), the same statement on both dialects.
 */

/** `set n = analytics_days.n + excluded.n` for each counter. */
function plusExcluded<C extends string>(table: string, counters: readonly C[]) {
  return Object.fromEntries(
    counters.map((counter) => [
      counter,
      sql<number>`${sql.ref(`${table}.${counter}`)} + ${sql.ref(`excluded.${counter}`)}`,
    ]),
  ) as Record<C, ReturnType<typeof sql<number>>>;
}

/** A value selected into an insert: PostgreSQL needs its type, as it cannot infer a parameter's there. */
const typed = <T>(value: T, type: "integer" | "double precision" | "text") =>
  sql<T>`cast(${value} as ${sql.raw(type)})`;

const DAY_KEY = ["day", "flowId", "flowVersion"] as const;

/** The `YYYY-MM-DD` of an ISO timestamp column: the same text on both dialects. */
const dayOf = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 10)`;

/** Counts a conversation (session) that starts. */
export const countConversation = preparedQuery(
  (db, session: { startedAt: string; flowId: string; flowVersion: number }) =>
    db
      .insertInto("analyticsDays")
      .values({
        day: sql<string>`substr(${session.startedAt}, 1, 10)`,
        flowId: session.flowId,
        flowVersion: session.flowVersion,
        conversations: 1,
      })
      .onConflict((conflict) =>
        conflict.columns(DAY_KEY).doUpdateSet(plusExcluded("analyticsDays", ["conversations"])),
      ),
);

type UserTurn = Pick<
  RunTable,
  "threadId" | "startedAt" | "flowId" | "flowVersion" | "messageId"
> & {
  outcome: RunOutcome;
  intent: string | null;
};

/**
 * Counts a user's turn, before its run is stored: on its conversation's start day, a turn of
 * the conversation and, at its first handoff, a handed-off conversation; on the turn's own day,
 * the turn and its outcome, its intent and, when it went unanswered, its question. Two upserts,
 * three or four for a turn with an intent or an unanswered question.
 */
export async function countUserTurn(db: Kysely<Tables>, turn: UserTurn): Promise<void> {
  await (turn.outcome === "handoff" ? countHandoffTurnOfConversation : countTurnOfConversation)(
    db,
    turn,
  );
  await countTurnOfDay(db, {
    ...turn,
    fallbacks: turn.outcome === "fallback" ? 1 : 0,
    noAnswers: turn.outcome === "no_answer" ? 1 : 0,
  });
  if (turn.intent !== null) await countIntent(db, { ...turn, intent: turn.intent });
  if ((turn.outcome === "fallback" || turn.outcome === "no_answer") && turn.messageId !== null)
    await countQuestion(db, { ...turn, messageId: turn.messageId });
}

const conversationTurn = (handoff: boolean) =>
  preparedQuery((db, { threadId }: { threadId: string }) =>
    db
      .insertInto("analyticsDays")
      .columns([...DAY_KEY, "conversationTurns", "handedOff"])
      .expression((eb) =>
        eb
          .selectFrom("chatSessions")
          .select((session) => [
            dayOf("chatSessions.startedAt").as("day"),
            "chatSessions.flowId",
            "chatSessions.flowVersion",
            sql.lit(1).as("conversationTurns"),
            sql<number>`${
              handoff
                ? session
                    .case()
                    .when(
                      session.not(
                        session.exists(
                          session
                            .selectFrom("runs")
                            .select("runs.id")
                            .whereRef("runs.threadId", "=", "chatSessions.id")
                            .where("runs.outcome", "=", "handoff"),
                        ),
                      ),
                    )
                    .then(sql.lit(1))
                    .else(sql.lit(0))
                    .end()
                : sql.lit(0)
            }`.as("handedOff"),
          ])
          .where("chatSessions.id", "=", threadId),
      )
      .onConflict((conflict) =>
        conflict
          .columns(DAY_KEY)
          .doUpdateSet(plusExcluded("analyticsDays", ["conversationTurns", "handedOff"])),
      ),
  );
const countTurnOfConversation = conversationTurn(false);
// Whether the conversation handed off before is asked only of a turn that hands off.
const countHandoffTurnOfConversation = conversationTurn(true);

const countTurnOfDay = preparedQuery(
  (
    db,
    turn: Pick<RunTable, "startedAt" | "flowId" | "flowVersion"> & {
      fallbacks: number;
      noAnswers: number;
    },
  ) =>
    db
      .insertInto("analyticsDays")
      .values({
        day: sql<string>`substr(${turn.startedAt}, 1, 10)`,
        flowId: turn.flowId,
        flowVersion: turn.flowVersion,
        turns: 1,
        fallbacks: turn.fallbacks,
        noAnswers: turn.noAnswers,
      })
      .onConflict((conflict) =>
        conflict
          .columns(DAY_KEY)
          .doUpdateSet(plusExcluded("analyticsDays", ["turns", "fallbacks", "noAnswers"])),
      ),
);

const countIntent = preparedQuery(
  (db, turn: Pick<RunTable, "startedAt" | "flowId" | "flowVersion"> & { intent: string }) =>
    db
      .insertInto("analyticsIntents")
      .values({
        day: sql<string>`substr(${turn.startedAt}, 1, 10)`,
        flowId: turn.flowId,
        flowVersion: turn.flowVersion,
        intent: turn.intent,
        turns: 1,
      })
      .onConflict((conflict) =>
        conflict
          .columns([...DAY_KEY, "intent"])
          .doUpdateSet(plusExcluded("analyticsIntents", ["turns"])),
      ),
);

const countQuestion = preparedQuery(
  (db, turn: Pick<RunTable, "startedAt" | "flowId" | "flowVersion"> & { messageId: string }) =>
    db
      .insertInto("analyticsQuestions")
      .columns([...DAY_KEY, "question", "turns"])
      .expression((eb) =>
        eb
          .selectFrom("chatMessages")
          .select((message) => [
            sql<string>`substr(${typed(turn.startedAt, "text")}, 1, 10)`.as("day"),
            typed(turn.flowId, "text").as("flowId"),
            typed(turn.flowVersion, "integer").as("flowVersion"),
            normalQuestion(message).as("question"),
            sql.lit(1).as("turns"),
          ])
          .where("chatMessages.messageId", "=", turn.messageId),
      )
      .onConflict((conflict) =>
        conflict
          .columns([...DAY_KEY, "question"])
          .doUpdateSet(plusExcluded("analyticsQuestions", ["turns"])),
      ),
);

/** What a rating adds to its turn's day: a new one counts, a changed one moves the sums. */
type FeedbackChange = Record<"ratings" | "scoreSum" | "positive" | "negative", number>;

/** Adds a rating (or a change of one) to the day its turn ran; a turn never run counts nowhere. */
export const countFeedback = preparedQuery(
  (db, { messageId, ...change }: FeedbackChange & { messageId: string }) =>
    db
      .insertInto("analyticsDays")
      .columns([...DAY_KEY, "ratings", "scoreSum", "positive", "negative"])
      .expression((eb) =>
        eb
          .selectFrom("runs")
          .select([
            dayOf("runs.startedAt").as("day"),
            "runs.flowId",
            "runs.flowVersion",
            typed(change.ratings, "integer").as("ratings"),
            typed(change.scoreSum, "double precision").as("scoreSum"),
            typed(change.positive, "integer").as("positive"),
            typed(change.negative, "integer").as("negative"),
          ])
          .where("runs.messageId", "=", messageId)
          .where("runs.outcome", "is not", null)
          .limit(1),
      )
      .onConflict((conflict) =>
        conflict
          .columns(DAY_KEY)
          .doUpdateSet(
            plusExcluded("analyticsDays", ["ratings", "scoreSum", "positive", "negative"]),
          ),
      ),
);
