import type { FlowDiff } from "@switchboard/engine";
import type { DiffMark } from "./canvas-graph.ts";
import { edgeKey } from "./edge-ids.ts";
import type { FlowDraft } from "./flow-draft.ts";

/** Two versions drawn as one graph, each node and edge marked with how it changed. */
export interface DiffOverlay {
  flow: FlowDraft;
  marks: { nodes: Map<string, DiffMark>; edges: Map<string, DiffMark> };
}

/**
 * The newer version with what the older one had and it lost put back, and marks for what was
 * added, removed or changed (nodes only moved are not marked: the layout differs anyway).
 *
 * @example
 * const { flow, marks } = diffOverlay(newer, diff);
 * marks.nodes.get("greet") // "removed"
 */
export function diffOverlay(newer: FlowDraft, diff: FlowDiff): DiffOverlay {
  const nodes = new Map<string, DiffMark>();
  const edges = new Map<string, DiffMark>();
  for (const node of diff.nodes.added) nodes.set(node.id, "added");
  for (const node of diff.nodes.changed) nodes.set(node.id, "changed");
  for (const node of diff.nodes.removed) nodes.set(node.id, "removed");
  for (const edge of diff.edges.added) edges.set(edgeKey(edge), "added");
  for (const edge of diff.edges.removed) edges.set(edgeKey(edge), "removed");
  const present = new Set(newer.nodes.map((node) => node.id));
  const removedNodes = diff.nodes.removed.filter((node) => !present.has(node.id));
  const removedEdges = diff.edges.removed.map(({ name: _, ...edge }) => edge);
  return {
    flow: {
      ...newer,
      nodes: [...newer.nodes, ...removedNodes],
      edges: [...newer.edges, ...removedEdges],
    },
    marks: { nodes, edges },
  };
}
