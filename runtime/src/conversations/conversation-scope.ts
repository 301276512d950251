import { type Expression, type ExpressionBuilder, sql } from "kysely";
import type { Tables } from "../db/index.ts";
import { AppError } from "../errors.ts";

/**
 * Which conversations a figure counts: a span of time (ISO timestamps, `since` included, `until`
 * not) and optionally one flow, or one version of it. Conversations (sessions) fall in it by
 * when they started, turns (runs) by when they ran.
 */
export interface ConversationScope {
  since: string;
  until: string;
  flowId?: string;
  flowVersion?: number;
}

/** The scope's condition on a session. */
export function sessionInScope(
  eb: ExpressionBuilder<Tables, "chatSessions">,
  { since, until, flowId, flowVersion }: ConversationScope,
) {
  return eb.and([
    eb("chatSessions.startedAt", ">=", since),
    eb("chatSessions.startedAt", "<", until),
    ...(flowId === undefined ? [] : [eb("chatSessions.flowId", "=", flowId)]),
    ...(flowVersion === undefined ? [] : [eb("chatSessions.flowVersion", "=", flowVersion)]),
  ]);
}

/** The scope's condition on a user's turn. */
export function turnInScope(
  eb: ExpressionBuilder<Tables, "runs">,
  { since, until, flowId, flowVersion }: ConversationScope,
) {
  return eb.and([
    eb("runs.startedAt", ">=", since),
    eb("runs.startedAt", "<", until),
    eb("runs.outcome", "is not", null),
    ...(flowId === undefined ? [] : [eb("runs.flowId", "=", flowId)]),
    ...(flowVersion === undefined ? [] : [eb("runs.flowVersion", "=", flowVersion)]),
  ]);
}

/** A user's message as analytics groups questions: trimmed and lower-cased, so repeats count once. */
export function normalQuestion(eb: ExpressionBuilder<Tables, "chatMessages">) {
  return eb.fn<string>("lower", [eb.fn<string>("trim", [eb.ref("chatMessages.content")])]);
}

/**
 * The start of a normal question, as the `chat_messages_question` index keeps users' messages
 * (an index entry holds a few kilobytes at most, a message may be longer); the index finds a
 * question's turns by it, the whole question then sorts out the few that only start alike.
 */
export function questionPrefix(question: Expression<string>) {
  return sql<string>`substr(${question}, 1, 200)`;
}

/**
 * The figure of the analytics screen whose conversations to show: all in the scope (none), those
 * kept from or handed to a human, or those with a turn that fell back, found no answer, was
 * classified as an intent, asked an unanswered question or was rated.
 */
export type ConversationFigure =
  | { kind: "contained" | "handoff" | "fallback" | "no_answer" | "rated" }
  | { kind: "intent"; intent: string }
  | { kind: "question"; question: string };

/** A span of whole days in UTC, `YYYY-MM-DD`, both included. */
export interface DayRange {
  from: string;
  to: string;
}

/** The longest span a report covers: a year. */
const MAX_DAYS = 366;
export const DAY_MS = 86_400_000;

/**
 * The scope of a span of days: from the first day's midnight (UTC) to the midnight after the last.
 *
 * @throws AppError `invalid_request` naming the problem: a day that does not exist, `to` before
 *   `from`, a span over a year.
 */
export function scopeOfDays({ from, to }: DayRange): ConversationScope {
  const start = midnight("from", from);
  const end = midnight("to", to) + DAY_MS;
  if (end <= start) throw new AppError("invalid_request", `to (${to}) is before from (${from}).`);
  if ((end - start) / DAY_MS > MAX_DAYS)
    throw new AppError("invalid_request", `A range covers at most ${MAX_DAYS} days.`);
  return { since: new Date(start).toISOString(), until: new Date(end).toISOString() };
}

function midnight(name: string, day: string): number {
  const time = Date.parse(`${day}T00:00:00.000Z`);
  // Date.parse rolls 2026-02-30 over to March; a real day prints back as itself.
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== day)
    throw new AppError("invalid_request", `${name} (${day}) is no day: use YYYY-MM-DD.`);
  return time;
}

/**
 * Checks that a version comes with its flow.
 *
 * @throws AppError `invalid_request` for a version without a flow.
 */
export function assertFlowOfVersion(flowId: string | undefined, flowVersion: number | undefined) {
  if (flowVersion !== undefined && flowId === undefined)
    throw new AppError("invalid_request", "flow_version needs flow_id: a version of which flow?");
}
