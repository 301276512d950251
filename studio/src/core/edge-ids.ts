import type { FlowEdge } from "./flow-draft.ts";

/** An edge's canvas id: its ends and branch, which identify it in a flow that validates. */
export function edgeKey(edge: FlowEdge): string {
  return `${edge.source}:${edge.branch ?? ""}->${edge.target}`;
}

/**
 * The canvas id of every edge, in order. A repeated edge (which the validator reports) gets a
 * `#2`, `#3`… suffix so each one can still be selected and deleted.
 */
export function edgeIds(edges: readonly FlowEdge[]): string[] {
  const seen = new Map<string, number>();
  return edges.map((edge) => {
    const key = edgeKey(edge);
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return count === 1 ? key : `${key}#${count}`;
  });
}
