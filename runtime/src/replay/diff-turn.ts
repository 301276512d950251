import type { RecordedOutcome } from "../conversations/index.ts";

/** What can change in a turn replayed against another version. */
export const CHANGE_KINDS = ["route", "intent", "reply", "variables", "handoff", "ended"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** How a replayed turn differs from the recorded one. */
export interface TurnDiff {
  changes: ChangeKind[];
  /**
   * The first node that behaved differently: the last node both paths share before they part
   * (it took another way), else the node of the first changed reply.
   */
  divergedAt: string | null;
}

/** Confidences closer than this are the same (they go through JSON and float sums). */
const CONFIDENCE_EPSILON = 1e-9;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function firstDifference<T>(a: T[], b: T[], equal: (x: T, y: T) => boolean): number {
  const length = Math.max(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const x = a[index];
    const y = b[index];
    if (x === undefined || y === undefined || !equal(x, y)) return index;
  }
  return -1;
}

/**
 * Compares a turn as recorded with the same turn replayed: the replies' text, the path (node
 * ids), the intent and its confidence, the variables, the handoff's state and whether the
 * conversation ended.
 *
 * @example
 * diffTurn(recorded, replayed) // { changes: ["route", "reply"], divergedAt: "answer" }
 */
export function diffTurn(recorded: RecordedOutcome, replayed: RecordedOutcome): TurnDiff {
  const changes: ChangeKind[] = [];
  const pathSplit = firstDifference(recorded.path, replayed.path, (a, b) => a === b);
  if (pathSplit !== -1) changes.push("route");
  const intentChanged =
    recorded.intent?.name !== replayed.intent?.name ||
    Math.abs((recorded.intent?.confidence ?? 0) - (replayed.intent?.confidence ?? 0)) >
      CONFIDENCE_EPSILON;
  if (intentChanged) changes.push("intent");
  const replySplit = firstDifference(
    recorded.replies,
    replayed.replies,
    (a, b) => a.text === b.text && a.author === b.author,
  );
  if (replySplit !== -1) changes.push("reply");
  if (!same(recorded.vars, replayed.vars)) changes.push("variables");
  if ((recorded.handoff?.status ?? null) !== (replayed.handoff?.status ?? null))
    changes.push("handoff");
  if ((recorded.status === "ended") !== (replayed.status === "ended")) changes.push("ended");
  const divergedAt =
    pathSplit > 0
      ? (recorded.path[pathSplit - 1] ?? null)
      : pathSplit === 0
        ? (replayed.path[0] ?? recorded.path[0] ?? null)
        : replySplit !== -1
          ? (replayed.replies[replySplit]?.nodeId ?? recorded.replies[replySplit]?.nodeId ?? null)
          : null;
  return { changes, divergedAt: changes.length > 0 ? divergedAt : null };
}
