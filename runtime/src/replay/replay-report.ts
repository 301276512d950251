import { CHANGE_KINDS, type ChangeKind } from "./diff-turn.ts";
import type { ConversationReplay } from "./replay-conversation.ts";

/** How many conversations a replay changed, and which, by kind of change. */
export interface ReplayReport {
  total: number;
  changed: number;
  /** The share of conversations that changed, 0..1. */
  changedShare: number;
  /** The sessions with each kind of change; a conversation counts under each of its kinds. */
  byKind: Record<ChangeKind, string[]>;
}

export function emptyReport(): ReplayReport {
  const byKind = Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, [] as string[]]));
  return { total: 0, changed: 0, changedShare: 0, byKind: byKind as Record<ChangeKind, string[]> };
}

/** Counts one more replayed conversation in the report (a job's report grows as it runs). */
export function addToReport(report: ReplayReport, replay: ConversationReplay): void {
  report.total++;
  if (replay.changes.length > 0) report.changed++;
  report.changedShare = report.changed / report.total;
  for (const kind of replay.changes) report.byKind[kind].push(replay.sessionId);
}

/** @example summarizeReplays(replays).byKind.route // ["session-1", …] */
export function summarizeReplays(replays: ConversationReplay[]): ReplayReport {
  const report = emptyReport();
  for (const replay of replays) addToReport(report, replay);
  return report;
}
