/**
 * Undo and redo over immutable snapshots. Consecutive edits with the same `mergeKey` (typing in
 * one field) become one step, so undo takes back a word rather than a letter.
 *
 * @example
 * let h = startHistory(flow);
 * h = record(h, edited);
 * h = undo(h); // h.present === flow
 */
export interface History<T> {
  past: T[];
  present: T;
  future: T[];
  /** The merge key of the last step, and when it was recorded. */
  last?: { key: string; at: number };
}

const LIMIT = 200;
const MERGE_WINDOW_MS = 1500;

export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [] };
}

/**
 * A new step from `before` (by default the present) to `next`. `before` lets a drag record one
 * step from where it started, after its intermediate positions were shown with `replace`.
 */
export function record<T>(
  history: History<T>,
  next: T,
  options: { mergeKey?: string; now?: number; before?: T } = {},
): History<T> {
  const before = options.before ?? history.present;
  if (next === before) return { ...history, present: next };
  const now = options.now ?? Date.now();
  const { mergeKey } = options;
  const merges =
    mergeKey !== undefined &&
    history.last?.key === mergeKey &&
    now - history.last.at < MERGE_WINDOW_MS &&
    options.before === undefined;
  return {
    past: merges ? history.past : [...history.past, before].slice(-LIMIT),
    present: next,
    future: [],
    last: mergeKey === undefined ? undefined : { key: mergeKey, at: now },
  };
}

/** Shows `next` without making it a step (a drag in progress). */
export function replace<T>(history: History<T>, next: T): History<T> {
  return { ...history, present: next };
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past.at(-1);
  if (previous === undefined) return history;
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
  };
}

export function redo<T>(history: History<T>): History<T> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: rest };
}

export const canUndo = (history: History<unknown>) => history.past.length > 0;
export const canRedo = (history: History<unknown>) => history.future.length > 0;
