import type { FlowProblem } from "../errors.ts";
import { nodeDefinitions, nodeTypes } from "../nodes/definitions.ts";
import { MAX_NODES_PER_TURN } from "../turn/turn-limits.ts";
import { type FlowView, firstNodes } from "./flow-view.ts";

/**
 * Turns that run more nodes than LangGraph allows one run. A turn starts at the entry or at a
 * node that waits (for the user's message or a human) and runs on until the next such node, so
 * its longest path runs through nodes that never wait: a chain of 200 replies streams 200 of
 * them, then LangGraph stops the turn with an error and none is stored. Loops of such nodes are
 * `cycleProblems`' to report; they are left out here.
 */
export function turnLengthProblems(view: FlowView): FlowProblem[] {
  const nodes = firstNodes(view);
  // A node of unknown type is already reported; treating it as waiting avoids a second report.
  const waits = (id: string) => {
    const type = nodes.get(id)?.type;
    return type === undefined || nodeDefinitions[type].pauses;
  };
  const successors = new Map<string, string[]>([...nodes.keys()].map((id) => [id, []]));
  for (const edge of view.edges) {
    if (nodes.has(edge.source) && nodes.has(edge.target))
      successors.get(edge.source)?.push(edge.target);
  }
  const longest = longestRuns(
    [...nodes.keys()].filter((id) => !waits(id)),
    successors,
  );
  /** The longest turn that starts at `start`: its first node after `start` and its length. */
  const turnFrom = (start: string): { next?: string; length: number } => {
    if (!waits(start)) return { next: start, length: longest.lengthOf(start) };
    let next: string | undefined;
    for (const id of successors.get(start) ?? [])
      if (!waits(id) && longest.lengthOf(id) > (next ? longest.lengthOf(next) : 0)) next = id;
    return { next, length: 1 + (next ? longest.lengthOf(next) : 0) };
  };
  const starts = new Set([
    ...(view.entry !== undefined && nodes.has(view.entry) ? [view.entry] : []),
    ...[...nodes.keys()].filter(waits),
  ]);
  const waiting = nodeTypes.filter((type) => nodeDefinitions[type].pauses).join(", ");
  return [...starts].flatMap((start) => {
    const { next, length } = turnFrom(start);
    if (length <= MAX_NODES_PER_TURN || next === undefined) return [];
    const path = [...(next === start ? [] : [start]), ...longest.pathFrom(next)];
    return [
      {
        path: `/nodes/${nodes.get(start)?.index ?? 0}`,
        nodeId: start,
        message: `A turn starting at "${start}" can run ${length} nodes before one waits for the user: ${path.map((id) => `"${id}"`).join(" → ")}. LangGraph stops a turn after at most ${MAX_NODES_PER_TURN} nodes, so that conversation would fail there; put a node that waits (${waiting}) on the path or shorten it.`,
      },
    ];
  });
}

/**
 * The longest path from each of `ids` through `ids` only, for a graph without cycles among them:
 * Kahn's order (nodes on a cycle never come out of it and count alone), then each node's run from
 * the end backwards. No recursion, so a long chain cannot overflow the stack.
 */
function longestRuns(ids: string[], successors: Map<string, string[]>) {
  const members = new Set(ids);
  const inside = (id: string) => (successors.get(id) ?? []).filter((next) => members.has(next));
  const incoming = new Map(ids.map((id) => [id, 0]));
  for (const id of ids)
    for (const next of inside(id)) incoming.set(next, (incoming.get(next) ?? 0) + 1);
  const order: string[] = ids.filter((id) => incoming.get(id) === 0);
  for (let at = 0; at < order.length; at++) {
    for (const next of inside(order[at] as string)) {
      const left = (incoming.get(next) ?? 0) - 1;
      incoming.set(next, left);
      if (left === 0) order.push(next);
    }
  }
  const length = new Map<string, number>();
  const following = new Map<string, string>();
  for (const id of order.reverse()) {
    let best = 0;
    for (const next of inside(id)) {
      const run = length.get(next) ?? 0;
      if (run > best) {
        best = run;
        following.set(id, next);
      }
    }
    length.set(id, best + 1);
  }
  return {
    lengthOf: (id: string): number => length.get(id) ?? 1,
    pathFrom(start: string): string[] {
      const path = [start];
      for (let next = following.get(start); next !== undefined; next = following.get(next))
        path.push(next);
      return path;
    },
  };
}
