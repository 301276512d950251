import type { Edge, Node } from "@xyflow/react";
import { edgeIds } from "./edge-ids.ts";
import type { FlowDraft, FlowNode, NodeType } from "./flow-draft.ts";
import type { EdgeRoute, Size } from "./layout.ts";
import { type NodeGeometry, nodeGeometry } from "./node-geometry.ts";
import { PLAIN_HANDLE, summarizeNode } from "./node-metadata.ts";

/** How a node or edge differs from the version it is compared with. */
export type DiffMark = "added" | "removed" | "changed";

/** What a node view draws: plain JSON, derived from the flow document (never callbacks). */
type FlowNodeData<K extends NodeType = NodeType> = {
  node: Extract<FlowNode, { type: K }>;
  summary: string;
  /** Its box, rows and handle offsets. */
  geometry: NodeGeometry;
  entry: boolean;
  problems: string[];
  diff?: DiffMark;
};

/** A canvas node per node type, e.g. `CanvasNode<"classify">`; the union over all types by default. */
export type CanvasNode<K extends NodeType = NodeType> = K extends NodeType
  ? Node<FlowNodeData<K>, K>
  : never;

type BranchEdgeData = {
  branch: string | null;
  problems: string[];
  /** The path the layout routed, while its nodes stay where the layout put them. */
  route?: EdgeRoute;
  diff?: DiffMark;
};
export type CanvasEdge = Edge<BranchEdgeData, "branch">;

/** What the canvas shows besides the document: selection and validator problems. */
export interface CanvasView {
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  nodeProblems: ReadonlyMap<string, string[]>;
  edgeProblems: ReadonlyMap<string, string[]>;
  /**
   * Measured node sizes. React Flow hides a node object it has not seen until it measures it;
   * a node redrawn (moved, edited) is given its last size, so it never flickers.
   */
  sizes: ReadonlyMap<string, Size>;
  /** Routed edges, by canvas edge id (see `routesThatHold`). */
  routes?: ReadonlyMap<string, EdgeRoute>;
  /** Marks of a version comparison shown on the canvas, by node id and canvas edge id. */
  diff?: { nodes: ReadonlyMap<string, DiffMark>; edges: ReadonlyMap<string, DiffMark> };
}

const NO_PROBLEMS: string[] = [];

interface CachedNode {
  node: FlowNode;
  selected: boolean;
  entry: boolean;
  problems: string[];
  edgesKey: string;
  diff: DiffMark | undefined;
  canvas: CanvasNode;
}

/**
 * Maps a flow document to React Flow nodes and edges. A node whose inputs did not change keeps
 * the same object, so React Flow re-renders only what changed: while one node is dragged in
 * a flow of hundreds, one node is redrawn per frame. A new size alone does not make a new
 * object: React Flow keeps the sizes it measured for the objects it has.
 *
 * @example
 * const toCanvas = createCanvasMapper();
 * const { nodes, edges } = toCanvas(flow, view);
 */
export function createCanvasMapper() {
  let cache = new Map<string, CachedNode>();
  let edgeCache = new Map<string, CanvasEdge>();
  let lastEdges: CanvasEdge[] = [];
  return (flow: FlowDraft, view: CanvasView): { nodes: CanvasNode[]; edges: CanvasEdge[] } => {
    const next = new Map<string, CachedNode>();
    const outgoing = groupEdges(flow);
    const nodes = flow.nodes.map((node, index) => {
      const problems = view.nodeProblems.get(node.id) ?? NO_PROBLEMS;
      const selected = view.selectedNodes.has(node.id);
      const entry = flow.entry === node.id;
      const edgesKey = outgoing.get(node.id) ?? "";
      const size = view.sizes.get(node.id);
      const diff = view.diff?.nodes.get(node.id);
      const cached = cache.get(node.id);
      const reusable =
        cached?.node === node &&
        cached.diff === diff &&
        cached.selected === selected &&
        cached.entry === entry &&
        cached.edgesKey === edgesKey &&
        sameMessages(cached.problems, problems);
      const canvas = reusable
        ? cached.canvas
        : cached &&
            cached.diff === diff &&
            onlyMoved(cached, node, selected, entry, problems, edgesKey)
          ? ({
              ...cached.canvas,
              ...(size ? { measured: size } : {}),
              position: node.position ?? cached.canvas.position,
            } as CanvasNode)
          : toCanvasNode(node, flow, { selected, entry, problems, size, diff }, index);
      // A repeated id (which the validator reports) keeps its first cached entry.
      if (!next.has(node.id))
        next.set(node.id, { node, selected, entry, problems, edgesKey, diff, canvas });
      return canvas;
    });
    cache = next;
    const mapped = toCanvasEdges(flow, view, edgeCache);
    // The same edges keep the same array: React Flow then skips re-indexing every connection.
    const edges =
      mapped.length === lastEdges.length && mapped.every((edge, i) => edge === lastEdges[i])
        ? lastEdges
        : mapped;
    if (edges !== lastEdges) edgeCache = new Map(edges.map((edge) => [edge.id, edge]));
    lastEdges = edges;
    return { nodes, edges };
  };
}

/**
 * Whether a node only moved since it was mapped: its new object keeps the old `data`, so its
 * view (memoized on `data`) is not drawn again while a selection of hundreds is dragged.
 */
function onlyMoved(
  cached: CachedNode,
  node: FlowNode,
  selected: boolean,
  entry: boolean,
  problems: string[],
  edgesKey: string,
): boolean {
  const before = cached.node;
  return (
    before.config === node.config &&
    before.title === node.title &&
    before.type === node.type &&
    cached.selected === selected &&
    cached.entry === entry &&
    cached.edgesKey === edgesKey &&
    sameMessages(cached.problems, problems)
  );
}

function toCanvasNode(
  node: FlowNode,
  flow: FlowDraft,
  state: {
    selected: boolean;
    entry: boolean;
    problems: string[];
    size: Size | undefined;
    diff: DiffMark | undefined;
  },
  index: number,
): CanvasNode {
  const geometry = nodeGeometry(node, flow.edges);
  return {
    ...(state.size ? { measured: state.size } : {}),
    id: node.id,
    type: node.type,
    ariaLabel: `${node.type} node ${node.id}${node.title ? `: ${node.title}` : ""}`,
    position: node.position ?? { x: (index % 6) * 280, y: Math.floor(index / 6) * 160 },
    selected: state.selected,
    // Fixed sizes: the node is drawn (and shown on the minimap) before the browser measures it.
    width: geometry.width,
    height: geometry.height,
    data: {
      node,
      summary: summarizeNode(node),
      geometry,
      entry: state.entry,
      problems: state.problems,
      ...(state.diff ? { diff: state.diff } : {}),
    },
  } as CanvasNode;
}

/** The branches used on each node's outgoing edges, so a node's handles follow its edges. */
function groupEdges(flow: FlowDraft): Map<string, string> {
  const groups = new Map<string, string>();
  for (const edge of flow.edges)
    groups.set(edge.source, `${groups.get(edge.source) ?? ""}|${edge.branch ?? ""}`);
  return groups;
}

function sameMessages(a: string[], b: string[]): boolean {
  return a === b || (a.length === b.length && a.every((message, i) => message === b[i]));
}

function toCanvasEdges(
  flow: FlowDraft,
  view: CanvasView,
  cache: ReadonlyMap<string, CanvasEdge>,
): CanvasEdge[] {
  const ids = edgeIds(flow.edges);
  return flow.edges.map((edge, index) => {
    const id = ids[index] ?? String(index);
    const selected = view.selectedEdges.has(id);
    const problems = view.edgeProblems.get(id) ?? NO_PROBLEMS;
    const route = view.routes?.get(id);
    const diff = view.diff?.edges.get(id);
    const cached = cache.get(id);
    if (
      cached?.selected === selected &&
      cached.data?.route === route &&
      cached.data?.diff === diff &&
      sameMessages(cached.data?.problems ?? [], problems)
    )
      return cached;
    return {
      id,
      type: "branch",
      source: edge.source,
      target: edge.target,
      sourceHandle: edge.branch ?? PLAIN_HANDLE,
      ariaLabel: `Edge from ${edge.source} to ${edge.target}${edge.branch ? `, branch ${edge.branch}` : ""}`,
      selected,
      data: {
        branch: edge.branch ?? null,
        problems,
        ...(route ? { route } : {}),
        ...(diff ? { diff } : {}),
      },
    };
  });
}
