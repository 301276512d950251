import {
  type ConversationScope,
  DAY_MS,
  type DayRange,
  scopeOfDays,
} from "../conversations/index.ts";
import type { Database } from "../db/index.ts";
import {
  type CountsOfDay,
  countsByDay,
  type Ranked,
  topIntents,
  topUnanswered,
} from "./analytics.repository.ts";

/** How many intents and unanswered questions a report ranks. */
const TOP = 10;

/** What the analytics screen shows for a span of days, or for one of its days. */
interface Figures {
  conversations: number;
  /** Conversations that never handed off to a human, and their share. */
  contained: number;
  containmentRate: number | null;
  handedOff: number;
  handoffRate: number | null;
  turns: number;
  fallbacks: number;
  fallbackRate: number | null;
  noAnswers: number;
  noAnswerRate: number | null;
  /** The users' turns of the conversations, per conversation. */
  turnsPerConversation: number | null;
  ratings: number;
  averageScore: number | null;
  positive: number;
  negative: number;
}

export interface AnalyticsReport {
  /** The days covered, both included (UTC). */
  from: string;
  to: string;
  flowId: string | null;
  flowVersion: number | null;
  totals: Figures;
  /** Every day of the span, in order, with zeros where nothing happened. */
  days: (Figures & { day: string })[];
  topIntents: { intent: string; turns: number }[];
  unanswered: { question: string; turns: number }[];
}

/** One day's (or the span's) counts, before rates. */
type Counts = Omit<CountsOfDay, "day">;

export const NO_COUNTS: Counts = {
  conversations: 0,
  handedOff: 0,
  conversationTurns: 0,
  turns: 0,
  fallbacks: 0,
  noAnswers: 0,
  ratings: 0,
  scoreSum: 0,
  positive: 0,
  negative: 0,
};

/**
 * The analytics of a span of days, computed by the database: every figure of the screen, for
 * the whole span and for each day.
 *
 * @example
 * await analyticsReport(database, { from: "2026-01-01", to: "2026-01-31", flowId: "support" })
 */
export async function analyticsReport(
  { db }: Database,
  { from, to, ...flow }: DayRange & Pick<ConversationScope, "flowId" | "flowVersion">,
): Promise<AnalyticsReport> {
  const scope = { ...scopeOfDays({ from, to }), ...flow };
  const [counted, intents, unanswered] = await Promise.all([
    countsByDay(db, scope),
    topIntents(db, scope, TOP),
    topUnanswered(db, scope, TOP),
  ]);
  const byDay = new Map(counted.map(({ day, ...counts }) => [day, counts]));
  const days = daysOf({ from, to }).map((day) => ({
    day,
    ...figuresOf(byDay.get(day) ?? NO_COUNTS),
  }));
  const total = [...byDay.values()].reduce(
    (sum, counts) =>
      Object.fromEntries(
        Object.entries(sum).map(([key, value]) => [key, value + counts[key as keyof Counts]]),
      ) as Counts,
    NO_COUNTS,
  );
  return {
    from,
    to,
    flowId: flow.flowId ?? null,
    flowVersion: flow.flowVersion ?? null,
    totals: figuresOf(total),
    days,
    topIntents: intents.map(({ label, turns }: Ranked) => ({ intent: label, turns })),
    unanswered: unanswered.map(({ label, turns }: Ranked) => ({ question: label, turns })),
  };
}

function figuresOf({ conversationTurns, scoreSum, ...counts }: Counts): Figures {
  const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
  const contained = counts.conversations - counts.handedOff;
  return {
    ...counts,
    contained,
    containmentRate: share(contained, counts.conversations),
    handoffRate: share(counts.handedOff, counts.conversations),
    fallbackRate: share(counts.fallbacks, counts.turns),
    noAnswerRate: share(counts.noAnswers, counts.turns),
    turnsPerConversation: share(conversationTurns, counts.conversations),
    averageScore: share(scoreSum, counts.ratings),
  };
}

function daysOf({ from, to }: DayRange): string[] {
  const days: string[] = [];
  for (let time = Date.parse(from); time <= Date.parse(to); time += DAY_MS)
    days.push(new Date(time).toISOString().slice(0, 10));
  return days;
}
