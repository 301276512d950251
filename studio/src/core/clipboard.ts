import type { FlowDraft, FlowEdge, FlowNode } from "./flow-draft.ts";
import { uniqueId } from "./node-ids.ts";

/** Copied nodes and the edges between them, as text any tab of the studio can paste. */
export interface Clip {
  kind: "switchboard/nodes";
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** The selected nodes and the edges that run between two of them. */
export function copyNodes(flow: FlowDraft, nodeIds: ReadonlySet<string>): Clip {
  return {
    kind: "switchboard/nodes",
    nodes: flow.nodes.filter((node) => nodeIds.has(node.id)),
    edges: flow.edges.filter((edge) => nodeIds.has(edge.source) && nodeIds.has(edge.target)),
  };
}

/** Reads a clip from clipboard text; undefined when the text is something else. */
export function parseClip(text: string): Clip | undefined {
  try {
    const value = JSON.parse(text) as Partial<Clip>;
    if (value?.kind !== "switchboard/nodes" || !Array.isArray(value.nodes)) return undefined;
    return {
      kind: value.kind,
      nodes: value.nodes,
      edges: Array.isArray(value.edges) ? value.edges : [],
    };
  } catch {
    return undefined;
  }
}

/**
 * Adds a clip's nodes with fresh ids (`reply` → `reply_2`), shifted by `offset`, and their
 * edges renamed to match. Returns the new ids, to select them.
 */
export function pasteClip(
  flow: FlowDraft,
  clip: Clip,
  offset = { x: 40, y: 40 },
): { flow: FlowDraft; ids: string[] } {
  if (clip.nodes.length === 0) return { flow, ids: [] };
  const taken = new Set(flow.nodes.map((node) => node.id));
  const renamed = new Map<string, string>();
  const nodes = clip.nodes.map((node) => {
    const id = uniqueId(node.id, taken);
    taken.add(id);
    renamed.set(node.id, id);
    const { x, y } = node.position ?? { x: 0, y: 0 };
    return { ...node, id, position: { x: x + offset.x, y: y + offset.y } } as FlowNode;
  });
  const edges = clip.edges.flatMap((edge) => {
    const source = renamed.get(edge.source);
    const target = renamed.get(edge.target);
    return source && target ? [{ ...edge, source, target }] : [];
  });
  const ids = nodes.map((node) => node.id);
  const hasEntry = flow.nodes.some((node) => node.id === flow.entry);
  return {
    flow: {
      ...flow,
      entry: hasEntry ? flow.entry : (ids[0] ?? flow.entry),
      nodes: [...flow.nodes, ...nodes],
      edges: [...flow.edges, ...edges],
    },
    ids,
  };
}
