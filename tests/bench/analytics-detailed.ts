/**
 * The analytics benchmark's baseline: the day counts computed from the detailed tables (every
 * session, run and rating of the scope), as analytics did before the rollups.
 */
import { type Kysely, sql } from "kysely";
import type { CountsOfDay } from "../../runtime/src/analytics/analytics.repository.ts";
import { NO_COUNTS } from "../../runtime/src/analytics/analytics-report.ts";
import {
  type ConversationScope,
  sessionInScope,
  turnInScope,
} from "../../runtime/src/conversations/conversation-scope.ts";
import type { Tables } from "../../runtime/src/db/tables.ts";

const dayOf = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 10)`;
const sumOf = (condition: ReturnType<typeof sql<boolean>>) =>
  sql<number>`sum(case when ${condition} then 1 else 0 end)`;

export async function countsFromDetailedTables(
  db: Kysely<Tables>,
  scope: ConversationScope,
): Promise<CountsOfDay[]> {
  const [conversations, turns, feedback] = await Promise.all([
    db
      .selectFrom("chatSessions")
      .where((eb) => sessionInScope(eb, scope))
      .select((eb) => [
        dayOf("chatSessions.startedAt").as("day"),
        eb.fn.countAll().as("conversations"),
        sumOf(
          sql`exists (select 1 from runs where runs.thread_id = chat_sessions.id and runs.outcome = 'handoff')`,
        ).as("handedOff"),
        sql<number>`sum((select count(*) from runs where runs.thread_id = chat_sessions.id and runs.outcome is not null))`.as(
          "conversationTurns",
        ),
      ])
      .groupBy(dayOf("chatSessions.startedAt"))
      .execute(),
    db
      .selectFrom("runs")
      .where((eb) => turnInScope(eb, scope))
      .select((eb) => [
        dayOf("runs.startedAt").as("day"),
        eb.fn.countAll().as("turns"),
        sumOf(sql`runs.outcome = 'fallback'`).as("fallbacks"),
        sumOf(sql`runs.outcome = 'no_answer'`).as("noAnswers"),
      ])
      .groupBy(dayOf("runs.startedAt"))
      .execute(),
    db
      .selectFrom("runs")
      .innerJoin("feedback", "feedback.messageId", "runs.messageId")
      .where((eb) => turnInScope(eb, scope))
      .select((eb) => [
        dayOf("runs.startedAt").as("day"),
        eb.fn.countAll().as("ratings"),
        eb.fn.sum("feedback.score").as("scoreSum"),
        sumOf(sql`feedback.score > 0`).as("positive"),
        sumOf(sql`feedback.score < 0`).as("negative"),
      ])
      .groupBy(dayOf("runs.startedAt"))
      .execute(),
  ]);
  const byDay = new Map<string, CountsOfDay>();
  for (const { day, ...counts } of [...conversations, ...turns, ...feedback]) {
    const numbers = Object.fromEntries(
      Object.entries(counts).map(([key, value]) => [key, Number(value)]),
    );
    byDay.set(day, { ...(byDay.get(day) ?? emptyDay(day)), ...numbers });
  }
  return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
}

function emptyDay(day: string): CountsOfDay {
  return { day, ...NO_COUNTS };
}
