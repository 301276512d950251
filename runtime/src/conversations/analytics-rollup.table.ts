import type { Generated } from "kysely";

/**
 * A day's counts of one flow version, kept up to date as conversations happen so the analytics
 * screen reads a few hundred rows for a month instead of every turn. Conversations (sessions)
 * count on the day they started, turns and their feedback on the day the turn ran (UTC).
 */
export interface AnalyticsDayTable {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  flowId: string;
  flowVersion: number;
  conversations: Generated<number>;
  /** Conversations of the day with a turn handed to a human, counted at the first handoff. */
  handedOff: Generated<number>;
  /** The users' turns those conversations took, whenever they took them. */
  conversationTurns: Generated<number>;
  /** The users' turns run that day, and how many fell back or found no answer. */
  turns: Generated<number>;
  fallbacks: Generated<number>;
  noAnswers: Generated<number>;
  /** Feedback on the day's turns: one rating per turn, the latest. */
  ratings: Generated<number>;
  scoreSum: Generated<number>;
  positive: Generated<number>;
  negative: Generated<number>;
}

/** How many of a day's turns a classify node routed by an intent. */
export interface AnalyticsIntentTable {
  day: string;
  flowId: string;
  flowVersion: number;
  intent: string;
  turns: number;
}

/** How many of a day's turns that fell back or found no answer asked a question (normalized). */
export interface AnalyticsQuestionTable {
  day: string;
  flowId: string;
  flowVersion: number;
  question: string;
  turns: number;
}
