import { edgeIds } from "./edge-ids.ts";
import type { FlowDraft, FlowEdge, FlowNode, NodeType } from "./flow-draft.ts";
import { setIn } from "./json-pointer.ts";
import { uniqueId } from "./node-ids.ts";
import { branchOfHandle } from "./node-metadata.ts";
import { starterConfig } from "./starter-configs.ts";

/**
 * Edits of a flow document. Each returns a new document that shares every untouched node and
 * edge with the old one (the canvas redraws only what changed, and undo keeps snapshots).
 * @module
 */

export interface XY {
  x: number;
  y: number;
}

/** A connection drawn on the canvas: `sourceHandle` is the branch label, or the plain handle. */
export interface Connection {
  source: string;
  sourceHandle: string | null;
  target: string;
}

const rounded = ({ x, y }: XY): XY => ({ x: Math.round(x), y: Math.round(y) });

/** Adds a node of `type` with its starter config; the first node of an empty flow becomes the entry. */
export function addNode(
  flow: FlowDraft,
  type: NodeType,
  position: XY,
): { flow: FlowDraft; id: string } {
  const id = uniqueId(type, new Set(flow.nodes.map((node) => node.id)));
  const node = {
    id,
    type,
    config: starterConfig(type, flow),
    position: rounded(position),
  } as FlowNode;
  const hasEntry = flow.nodes.some((n) => n.id === flow.entry);
  return { flow: { ...flow, entry: hasEntry ? flow.entry : id, nodes: [...flow.nodes, node] }, id };
}

/** Moves nodes to new positions. */
export function moveNodes(flow: FlowDraft, positions: ReadonlyMap<string, XY>): FlowDraft {
  if (positions.size === 0) return flow;
  return {
    ...flow,
    nodes: flow.nodes.map((node) => {
      const position = positions.get(node.id);
      return position ? { ...node, position: rounded(position) } : node;
    }),
  };
}

/** Removes nodes (with their edges) and edges, by node id and canvas edge id. */
export function removeElements(
  flow: FlowDraft,
  nodeIds: ReadonlySet<string>,
  edgeIdSet: ReadonlySet<string>,
): FlowDraft {
  if (nodeIds.size === 0 && edgeIdSet.size === 0) return flow;
  const ids = edgeIds(flow.edges);
  return {
    ...flow,
    nodes: flow.nodes.filter((node) => !nodeIds.has(node.id)),
    edges: flow.edges.filter(
      (edge, i) =>
        !edgeIdSet.has(ids[i] ?? "") && !nodeIds.has(edge.source) && !nodeIds.has(edge.target),
    ),
  };
}

const sameStart = (edge: FlowEdge, source: string, branch: string | undefined) =>
  edge.source === source && edge.branch === branch;

/**
 * Connects two nodes. A branch leads to one node, and so does a node's plain edge: an edge
 * already leaving the same handle is replaced.
 */
export function connect(flow: FlowDraft, connection: Connection): FlowDraft {
  const branch = branchOfHandle(connection.sourceHandle);
  const edge: FlowEdge = {
    source: connection.source,
    target: connection.target,
    ...(branch === undefined ? {} : { branch }),
  };
  const kept = flow.edges.filter((e) => !sameStart(e, connection.source, branch));
  return { ...flow, edges: [...kept, edge] };
}

/** Moves an edge's ends to a new connection, keeping its place among the edges. */
export function reconnect(flow: FlowDraft, edgeId: string, connection: Connection): FlowDraft {
  const index = edgeIds(flow.edges).indexOf(edgeId);
  if (index < 0) return flow;
  const branch = branchOfHandle(connection.sourceHandle);
  const moved: FlowEdge = {
    source: connection.source,
    target: connection.target,
    ...(branch === undefined ? {} : { branch }),
  };
  const edges = flow.edges.flatMap((edge, i) => {
    if (i === index) return [moved];
    return sameStart(edge, moved.source, branch) ? [] : [edge];
  });
  return { ...flow, edges };
}

/** Sets a value inside a node (`/title`, `/config/threshold`…); undefined clears it. */
export function setNodeValue(
  flow: FlowDraft,
  id: string,
  pointer: string,
  value: unknown,
): FlowDraft {
  return {
    ...flow,
    nodes: flow.nodes.map((node) => (node.id === id ? setIn(node, pointer, value) : node)),
  };
}

/** Sets a flow-level value (`/name`, `/variables`…). */
export function setFlowValue(flow: FlowDraft, pointer: string, value: unknown): FlowDraft {
  return setIn(flow, pointer, value);
}

/** Renames a node, carrying its edges and the entry along. */
export function renameNode(flow: FlowDraft, from: string, to: string): FlowDraft {
  if (from === to) return flow;
  const rename = (id: string) => (id === from ? to : id);
  return {
    ...flow,
    entry: rename(flow.entry),
    nodes: flow.nodes.map((node) => (node.id === from ? { ...node, id: to } : node)),
    edges: flow.edges.map((edge) =>
      edge.source === from || edge.target === from
        ? { ...edge, source: rename(edge.source), target: rename(edge.target) }
        : edge,
    ),
  };
}

/** Makes a node the one conversations start at. */
export function setEntry(flow: FlowDraft, id: string): FlowDraft {
  return flow.entry === id ? flow : { ...flow, entry: id };
}
