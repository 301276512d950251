import { edgeIds } from "../core/edge-ids.ts";
import type { FlowEdge } from "../core/flow-draft.ts";
import type { TimelineStep } from "./turn-timeline.ts";

/**
 * How a node shows on the canvas while a turn's path is lit; `diverged` marks where a replayed
 * turn first behaved differently from the recorded one.
 */
type NodeMark = "active" | "visited" | "failed" | "diverged";

/** A turn's path on the canvas: its nodes marked, the edges it took (canvas edge ids), one focused. */
export interface PathHighlight {
  nodes: ReadonlyMap<string, NodeMark>;
  edges: ReadonlySet<string>;
  /** The node picked in the timeline, if any. */
  focused: string | null;
}

const RANK: Record<NodeMark, number> = { visited: 0, active: 1, failed: 2, diverged: 3 };

export const NO_HIGHLIGHT: PathHighlight = { nodes: new Map(), edges: new Set(), focused: null };

/**
 * The path a turn took, as the canvas lights it: each visited node (the running one `active`,
 * one with errors `failed`), and the edge between each pair of consecutive nodes. With the
 * branch known, the edge on that branch; without it (a recorded turn), every edge between them.
 *
 * @example
 * const highlight = highlightPath(timeline, flow.edges, "classify");
 */
export function highlightPath(
  timeline: { steps: readonly Pick<TimelineStep, "nodeId" | "status" | "route">[] },
  flowEdges: readonly FlowEdge[],
  focused: string | null = null,
  diverged: string | null = null,
): PathHighlight {
  const nodes = new Map<string, NodeMark>();
  if (diverged) nodes.set(diverged, "diverged");
  for (const step of timeline.steps) {
    const mark: NodeMark =
      step.status === "running" ? "active" : step.status === "failed" ? "failed" : "visited";
    // A node that ran twice shows its worst: failed over active over visited.
    const before = nodes.get(step.nodeId);
    if (!before || RANK[mark] > RANK[before]) nodes.set(step.nodeId, mark);
  }
  const ids = edgeIds(flowEdges);
  const edges = new Set<string>();
  for (const [index, step] of timeline.steps.entries()) {
    const next = timeline.steps[index + 1];
    if (!next) break;
    const between = flowEdges
      .map((edge, i) => ({ edge, id: ids[i] as string }))
      .filter(({ edge }) => edge.source === step.nodeId && edge.target === next.nodeId);
    const onBranch =
      step.route === undefined
        ? between
        : between.filter(({ edge }) => (edge.branch ?? null) === step.route);
    for (const { id } of onBranch.length > 0 ? onBranch : between) edges.add(id);
  }
  return { nodes, edges, focused };
}

/**
 * The highlight's current value with listeners, for the canvas to read with
 * `useSyncExternalStore` and the testing panels to set.
 *
 * @example
 * const highlighter = createPathHighlighter();
 * highlighter.show(highlightPath(timeline, flow.edges));
 */
export function createPathHighlighter() {
  let current: PathHighlight = NO_HIGHLIGHT;
  const listeners = new Set<() => void>();
  const publish = (next: PathHighlight) => {
    if (next === current) return;
    current = next;
    for (const listener of listeners) listener();
  };
  return {
    getState: () => current,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    show: publish,
    clear: () => publish(NO_HIGHLIGHT),
  };
}

export type PathHighlighter = ReturnType<typeof createPathHighlighter>;

/** What `lightPath` needs of a canvas node or edge: React Flow's `id` and `className`. */
interface Classed {
  id: string;
  className?: string;
}

/**
 * The canvas's nodes and edges with the path's classes added (`path-visited`, `path-active`,
 * `path-failed`, `path-diverged`, `path-focused` on nodes, `path-taken` on edges). Items off the path are the
 * same objects, so React Flow redraws only those on it.
 *
 * @example
 * const lit = lightPath(nodes, edges, highlighter.getState());
 */
export function lightPath<N extends Classed, E extends Classed>(
  nodes: N[],
  edges: E[],
  highlight: PathHighlight,
): { nodes: N[]; edges: E[] } {
  if (highlight === NO_HIGHLIGHT || (highlight.nodes.size === 0 && highlight.focused === null))
    return { nodes, edges };
  const withClass = <T extends Classed>(item: T, extra: string): T => ({
    ...item,
    className: item.className ? `${item.className} ${extra}` : extra,
  });
  return {
    nodes: nodes.map((node) => {
      const mark = highlight.nodes.get(node.id);
      const classes = [
        mark ? `path-${mark}` : "",
        node.id === highlight.focused ? "path-focused" : "",
      ]
        .filter(Boolean)
        .join(" ");
      return classes ? withClass(node, classes) : node;
    }),
    edges: edges.map((edge) =>
      highlight.edges.has(edge.id) ? withClass(edge, "path-taken") : edge,
    ),
  };
}
