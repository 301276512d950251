import type { Flow, FlowEdge, FlowNode } from "../schema/flow.ts";
import { edgeName } from "../simulate/coverage.ts";
import { pointerSegment } from "../validate/json-pointer.ts";
import { withDefaults } from "../validate/schema-problems.ts";

/** One value that differs, located by a JSON pointer; `from` or `to` is absent where it was added or removed. */
export interface ValueChange {
  path: string;
  from?: unknown;
  to?: unknown;
}

export interface NodeChange {
  id: string;
  type: FlowNode["type"];
  /** Pointers relative to the node, e.g. `/config/intents/0/examples`. */
  changes: ValueChange[];
}

/** What changed from one flow document to another, by node id and edge rather than by line. */
export interface FlowDiff {
  /** True when nothing but the version number and the layout differs. */
  same: boolean;
  /** The flow's own fields: name, entry, models, knowledge, variables, fallback… */
  metadata: ValueChange[];
  nodes: {
    added: FlowNode[];
    removed: FlowNode[];
    changed: NodeChange[];
    /** Nodes only dragged to another place on the canvas. */
    moved: string[];
  };
  edges: {
    added: (FlowEdge & { name: string })[];
    removed: (FlowEdge & { name: string })[];
  };
}

// Every saved version stamps its own number, and `$schema` is only an editor hint.
const IGNORED_FIELDS = new Set(["version", "$schema", "nodes", "edges"]);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isScalarArray = (value: unknown): value is unknown[] =>
  Array.isArray(value) && value.every((item) => !isObject(item) && !Array.isArray(item));

/**
 * The leaf values that differ between `a` and `b`. Lists of scalars (intent examples, model
 * names) are reported whole, since an insertion shifts every index after it; lists of objects
 * are compared item by item.
 */
function changedValues(a: unknown, b: unknown, path: string): ValueChange[] {
  if (Object.is(a, b)) return [];
  if (a === undefined) return [{ path, to: b }];
  if (b === undefined) return [{ path, from: a }];
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((key) => changedValues(a[key], b[key], `${path}/${pointerSegment(key)}`));
  }
  if (Array.isArray(a) && Array.isArray(b) && !(isScalarArray(a) && isScalarArray(b))) {
    const length = Math.max(a.length, b.length);
    return Array.from({ length }, (_, i) => changedValues(a[i], b[i], `${path}/${i}`)).flat();
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ path, from: a, to: b }];
}

const edgeKey = (edge: FlowEdge) => edgeName(edge.source, edge.target, edge.branch);

function edgesOnlyIn(edges: FlowEdge[], other: FlowEdge[]): (FlowEdge & { name: string })[] {
  const keys = new Set(other.map(edgeKey));
  return edges.filter((edge) => !keys.has(edgeKey(edge))).map((e) => ({ ...e, name: edgeKey(e) }));
}

/**
 * Compares two versions of a flow structurally: metadata fields that changed, nodes added,
 * removed or changed (with the config paths that changed), and edges added or removed. Both
 * sides get the schema's defaults first, so a default spelled out is no change. Pure; the studio
 * and the runtime's diff endpoint share it.
 *
 * @example
 * const diff = diffFlows(version1, version2);
 * diff.nodes.changed // [{ id: "route", type: "classify", changes: [{ path: "/config/threshold", from: 0.45, to: 0.5 }] }]
 */
export function diffFlows(before: Flow, after: Flow): FlowDiff {
  const a = withDefaults(before) as Flow;
  const b = withDefaults(after) as Flow;
  const metadataKeys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (key) => !IGNORED_FIELDS.has(key),
  );
  const metadata = metadataKeys.flatMap((key) =>
    changedValues(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      `/${pointerSegment(key)}`,
    ),
  );
  const oldNodes = new Map(a.nodes.map((node) => [node.id, node]));
  const newNodes = new Map(b.nodes.map((node) => [node.id, node]));
  const changed: NodeChange[] = [];
  const moved: string[] = [];
  for (const node of b.nodes) {
    const old = oldNodes.get(node.id);
    if (!old) continue;
    const { position: oldPosition, ...oldRest } = old;
    const { position, ...rest } = node;
    const changes = changedValues(oldRest, rest, "");
    if (changes.length > 0) changed.push({ id: node.id, type: node.type, changes });
    if (changedValues(oldPosition, position, "").length > 0) moved.push(node.id);
  }
  const nodes = {
    added: b.nodes.filter((node) => !oldNodes.has(node.id)),
    removed: a.nodes.filter((node) => !newNodes.has(node.id)),
    changed,
    moved,
  };
  const edges = { added: edgesOnlyIn(b.edges, a.edges), removed: edgesOnlyIn(a.edges, b.edges) };
  const same =
    metadata.length === 0 &&
    nodes.added.length + nodes.removed.length + changed.length === 0 &&
    edges.added.length + edges.removed.length === 0;
  return { same, metadata, nodes, edges };
}
