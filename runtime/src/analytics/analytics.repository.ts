import type { ExpressionBuilder, Kysely } from "kysely";
import type { ConversationScope } from "../conversations/index.ts";
import type { Tables } from "../db/index.ts";

/**
 * A day's counts, read from the rollups the conversation writes keep (no turn is read here):
 * the conversations started that day and what became of them, the users' turns run that day and
 * how they came out, and the feedback on those turns.
 */
export interface CountsOfDay {
  day: string;
  conversations: number;
  handedOff: number;
  /** The users' turns the day's conversations took, whenever they took them. */
  conversationTurns: number;
  turns: number;
  fallbacks: number;
  noAnswers: number;
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

type Rollup = "analyticsDays" | "analyticsIntents" | "analyticsQuestions";

/**
 * The scope's condition on a rollup's row. Rollups count whole days (UTC): the scope's bounds
 * are midnights, as `scopeOfDays` makes them, and a day is in it when its midnight is.
 */
function dayInScope<T extends Rollup>(
  eb: ExpressionBuilder<Tables, T>,
  { since, until, flowId, flowVersion }: ConversationScope,
) {
  const rollup = eb as unknown as ExpressionBuilder<Tables, "analyticsDays">;
  return rollup.and([
    rollup("day", ">=", since.slice(0, 10)),
    rollup("day", "<", until.slice(0, 10)),
    ...(flowId === undefined ? [] : [rollup("flowId", "=", flowId)]),
    ...(flowVersion === undefined ? [] : [rollup("flowVersion", "=", flowVersion)]),
  ]);
}

/** PostgreSQL answers sums as strings, SQLite as numbers. */
const toNumber = (value: unknown) => Number(value ?? 0);

const COUNTERS = [
  "conversations",
  "handedOff",
  "conversationTurns",
  "turns",
  "fallbacks",
  "noAnswers",
  "ratings",
  "scoreSum",
  "positive",
  "negative",
] as const;

/** The scope's counts of each day something happened on, in order. */
export async function countsByDay(
  db: Kysely<Tables>,
  scope: ConversationScope,
): Promise<CountsOfDay[]> {
  const rows = await db
    .selectFrom("analyticsDays")
    .where((eb) => dayInScope(eb, scope))
    .select((eb) => ["day", ...COUNTERS.map((counter) => eb.fn.sum(counter).as(counter))])
    .groupBy("day")
    .orderBy("day")
    .execute();
  return rows.map((row) => ({
    day: row.day,
    ...(Object.fromEntries(
      COUNTERS.map((counter) => [counter, toNumber(row[counter as keyof typeof row])]),
    ) as Omit<CountsOfDay, "day">),
  }));
}

/** The intents classify nodes routed most turns by, the commonest first. */
export async function topIntents(
  db: Kysely<Tables>,
  scope: ConversationScope,
  limit: number,
): Promise<Ranked[]> {
  const rows = await db
    .selectFrom("analyticsIntents")
    .where((eb) => dayInScope(eb, scope))
    .select((eb) => ["intent", eb.fn.sum<number>("turns").as("turns")])
    .groupBy("intent")
    .orderBy("turns", "desc")
    .orderBy("intent")
    .limit(limit)
    .execute();
  return rows.map((row) => ({ label: row.intent, turns: toNumber(row.turns) }));
}

/** The questions asked most often in turns that fell back or found no answer. */
export async function topUnanswered(
  db: Kysely<Tables>,
  scope: ConversationScope,
  limit: number,
): Promise<Ranked[]> {
  const rows = await db
    .selectFrom("analyticsQuestions")
    .where((eb) => dayInScope(eb, scope))
    .select((eb) => ["question", eb.fn.sum<number>("turns").as("turns")])
    .groupBy("question")
    .orderBy("turns", "desc")
    .orderBy("question")
    .limit(limit)
    .execute();
  return rows.map((row) => ({ label: row.question, turns: toNumber(row.turns) }));
}
