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

/** @example summarizeReplays(replays).byKind.route // ["session-1", …] */
export function summarizeReplays(replays: ConversationReplay[]): ReplayReport {
  const byKind = Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, [] as string[]])) as Record<
    ChangeKind,
    string[]
  >;
  let changed = 0;
  for (const replay of replays) {
    if (replay.changes.length > 0) changed++;
    for (const kind of replay.changes) byKind[kind].push(replay.sessionId);
  }
  return {
    total: replays.length,
    changed,
    changedShare: replays.length === 0 ? 0 : changed / replays.length,
    byKind,
  };
}
