import { Graph, layout } from "@dagrejs/dagre";
import type { FlowDraft } from "./flow-draft.ts";
import { moveNodes, type XY } from "./flow-edits.ts";

export interface Size {
  width: number;
  height: number;
}

/** A node's size before the browser measured it. */
const DEFAULT_NODE_SIZE: Size = { width: 240, height: 96 };

/**
 * Lays the flow out left to right with dagre: ranks follow the edges from the entry, branches
 * spread vertically. `sizes` are the nodes' measured sizes, where known.
 *
 * @example
 * const tidy = layoutFlow(flow, new Map([["greet", { width: 260, height: 90 }]]));
 */
export function layoutFlow(
  flow: FlowDraft,
  sizes: ReadonlyMap<string, Size> = new Map(),
): FlowDraft {
  const graph = new Graph({ multigraph: true });
  graph.setGraph({ rankdir: "LR", nodesep: 40, ranksep: 90, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(flow.nodes.map((node) => node.id));
  for (const id of ids) graph.setNode(id, { ...(sizes.get(id) ?? DEFAULT_NODE_SIZE) });
  flow.edges.forEach((edge, index) => {
    if (ids.has(edge.source) && ids.has(edge.target))
      graph.setEdge(edge.source, edge.target, {}, String(index));
  });
  layout(graph);
  const positions = new Map<string, XY>();
  for (const id of ids) {
    const { x, y, width, height } = graph.node(id);
    // dagre gives centres; React Flow places a node by its top-left corner.
    positions.set(id, { x: x - width / 2, y: y - height / 2 });
  }
  return moveNodes(flow, positions);
}
