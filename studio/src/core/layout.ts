import type { ELK, ElkExtendedEdge, ElkNode, LayoutOptions } from "elkjs/lib/elk-api.js";
import { edgeIds } from "./edge-ids.ts";
import type { FlowDraft } from "./flow-draft.ts";
import { moveNodes, type XY } from "./flow-edits.ts";
import { EDGE_LABEL, edgeLabelWidth, nodeGeometry } from "./node-geometry.ts";

export interface Size {
  width: number;
  height: number;
}

/** An edge's path as the layout routed it, for the node positions it was routed between. */
export interface EdgeRoute {
  /** From the source's handle to the target's, with the bends in between. */
  points: XY[];
  /** The branch label's box (top-left corner and size), placed clear of nodes and other labels. */
  label?: XY & Size;
  /** Where the source and target nodes were; the route holds while they keep these places. */
  source: XY;
  target: XY;
}

export interface FlowLayout {
  positions: Map<string, XY>;
  /** By canvas edge id. */
  routes: Map<string, EdgeRoute>;
}

export interface LayoutRequest {
  /** The view's width / height: a flow too long for one row is wrapped into rows of this shape. */
  aspectRatio?: number;
}

/** A layout given up because a newer one was asked for before it finished. */
export class LayoutSuperseded extends Error {
  constructor() {
    super("The layout was replaced by a newer one before it finished.");
    this.name = "LayoutSuperseded";
  }
}

/** Lays out flows; `layoutFlow` in this thread, or a worker running it. */
export type Layouter = (flow: FlowDraft, request?: LayoutRequest) => Promise<FlowLayout>;

/** Above this many nodes a long chain is wrapped into rows, so zoom to fit keeps it readable. */
const WRAP_FROM = 40;

const GRAPH_OPTIONS: LayoutOptions = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.edgeRouting": "ORTHOGONAL",
  // Edges back to an earlier node (a loop to the classifier) go around the layers, not through them.
  "elk.layered.feedbackEdges": "true",
  "elk.layered.cycleBreaking.strategy": "DEPTH_FIRST",
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
  "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
  "elk.spacing.nodeNode": "24",
  "elk.layered.spacing.nodeNodeBetweenLayers": "32",
  "elk.spacing.edgeNode": "14",
  "elk.spacing.edgeEdge": "10",
  "elk.layered.spacing.edgeNodeBetweenLayers": "14",
  "elk.layered.spacing.edgeEdgeBetweenLayers": "10",
  "elk.spacing.edgeLabel": "4",
  "elk.padding": "[top=0,left=0,bottom=0,right=0]",
  "elk.json.edgeCoords": "ROOT",
  "elk.json.shapeCoords": "ROOT",
};

let inThread: Promise<ELK> | undefined;

/** ELK in this thread, loaded when first needed (the page lays out in a worker instead). */
function elkInThread(): Promise<ELK> {
  inThread ??= import("elkjs/lib/elk.bundled.js").then(({ default: Elk }) => new Elk());
  return inThread;
}

/**
 * Lays the flow out with ELK's layered algorithm, left to right from the entry: each node's
 * handles are ports on its sides, edges are routed orthogonally (loop-backs around the layers)
 * and branch labels get places of their own. Node sizes come from `nodeGeometry`, which the
 * canvas draws, so the routes meet the handles. ELK runs in this thread unless `elk` is an
 * instance backed by a worker.
 *
 * @example
 * const { positions, routes } = await layoutFlow(flow);
 */
export async function layoutFlow(
  flow: FlowDraft,
  request: LayoutRequest = {},
  elk?: ELK,
): Promise<FlowLayout> {
  const engine = elk ?? (await elkInThread());
  const ids = new Set(flow.nodes.map((node) => node.id));
  const edgeIdList = edgeIds(flow.edges);
  // The entry first: with the model order considered, it starts the first layer.
  const ordered = [...flow.nodes].sort(
    (a, b) => Number(b.id === flow.entry) - Number(a.id === flow.entry),
  );
  const seen = new Set<string>();
  const children: ElkNode[] = [];
  for (const node of ordered) {
    if (seen.has(node.id)) continue;
    seen.add(node.id);
    const box = nodeGeometry(node, flow.edges);
    children.push({
      id: node.id,
      width: box.width,
      height: box.height,
      layoutOptions: { "elk.portConstraints": "FIXED_POS" },
      ports: [
        { id: portId(node.id, "in"), x: 0, y: box.inputY, width: 0, height: 0 },
        ...box.outputs.map((output) => ({
          id: portId(node.id, output.id),
          x: box.width,
          y: output.y,
          width: 0,
          height: 0,
          layoutOptions: { "elk.port.side": "EAST" },
        })),
      ],
    });
  }
  const edges: ElkExtendedEdge[] = [];
  flow.edges.forEach((edge, index) => {
    if (!ids.has(edge.source) || !ids.has(edge.target)) return;
    const id = edgeIdList[index] ?? String(index);
    edges.push({
      id,
      sources: [portId(edge.source, edge.branch ?? "@next")],
      targets: [portId(edge.target, "in")],
      labels: edge.branch
        ? [
            {
              id: `${id}#label`,
              text: edge.branch,
              width: edgeLabelWidth(edge.branch),
              height: EDGE_LABEL.height,
              layoutOptions: { "elk.edgeLabels.placement": "CENTER" },
            },
          ]
        : [],
    });
  });
  const wrap = seen.size >= WRAP_FROM;
  const graph = await engine.layout({
    id: "flow",
    layoutOptions: {
      ...GRAPH_OPTIONS,
      ...(wrap
        ? {
            "elk.layered.wrapping.strategy": "MULTI_EDGE",
            "elk.aspectRatio": String(request.aspectRatio ?? 1.2),
          }
        : {}),
    },
    children,
    edges,
  });
  const positions = new Map<string, XY>();
  for (const child of graph.children ?? [])
    positions.set(child.id, { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) });
  const routes = new Map<string, EdgeRoute>();
  for (const edge of (graph.edges ?? []) as ElkExtendedEdge[]) {
    const section = edge.sections?.[0];
    const source = positions.get(nodeOfPort(edge.sources[0] ?? ""));
    const target = positions.get(nodeOfPort(edge.targets[0] ?? ""));
    if (!section || !source || !target) continue;
    const label = edge.labels?.[0];
    routes.set(edge.id, {
      points: [section.startPoint, ...(section.bendPoints ?? []), section.endPoint],
      ...(label
        ? {
            label: {
              x: label.x ?? 0,
              y: label.y ?? 0,
              width: label.width ?? 0,
              height: label.height ?? 0,
            },
          }
        : {}),
      source,
      target,
    });
  }
  return { positions, routes };
}

const portId = (node: string, handle: string) => `${node}\u0000${handle}`;
const nodeOfPort = (port: string) => port.split("\u0000")[0] ?? port;

/** The flow with its nodes where the layout put them. */
export function applyLayout(flow: FlowDraft, layout: FlowLayout): FlowDraft {
  return moveNodes(flow, layout.positions);
}

/**
 * The layout's routes that still hold in `flow`: an edge keeps its route while its two nodes
 * stay where the layout put them (or move together); others are drawn without one.
 */
export function routesThatHold(
  flow: FlowDraft,
  routes: ReadonlyMap<string, EdgeRoute>,
): Map<string, EdgeRoute> {
  const at = new Map(flow.nodes.map((node) => [node.id, node.position]));
  const ids = edgeIds(flow.edges);
  const holding = new Map<string, EdgeRoute>();
  flow.edges.forEach((edge, index) => {
    const id = ids[index] ?? String(index);
    const route = routes.get(id);
    const source = at.get(edge.source);
    const target = at.get(edge.target);
    if (!route || !source || !target) return;
    const dx = source.x - route.source.x;
    const dy = source.y - route.source.y;
    if (
      Math.abs(target.x - route.target.x - dx) > 1 ||
      Math.abs(target.y - route.target.y - dy) > 1
    )
      return;
    holding.set(id, dx === 0 && dy === 0 ? route : shiftRoute(route, { x: dx, y: dy }));
  });
  return holding;
}

function shiftRoute(route: EdgeRoute, by: XY): EdgeRoute {
  const move = (p: XY) => ({ x: p.x + by.x, y: p.y + by.y });
  return {
    points: route.points.map(move),
    ...(route.label ? { label: { ...route.label, ...move(route.label) } } : {}),
    source: move(route.source),
    target: move(route.target),
  };
}
