import type { FlowValidation } from "@switchboard/engine/validate";
import { edgeIds } from "./edge-ids.ts";
import type { FlowDraft } from "./flow-draft.ts";

/** A problem the validator reports, located by a JSON pointer and, where it concerns a node, its id. */
export type FlowProblem = Extract<FlowValidation, { ok: false }>["problems"][number];

/** A validator problem, placed on the canvas: the node, edge and inspector field it concerns. */
export interface LocatedProblem extends FlowProblem {
  /** The canvas id of the edge it concerns. */
  edgeId?: string;
  /** A pointer into the node it concerns, e.g. `/config/intents/0/name`. */
  field?: string;
}

const NODE_PATH = /^\/nodes\/(\d+)(\/.*)?$/;
const EDGE_PATH = /^\/edges\/(\d+)(\/.*)?$/;

/**
 * Places each problem: a path into `/nodes/N` names node N (and a field inside it), a path
 * into `/edges/N` names the edge; a problem about a node keeps the node id the validator gave.
 */
export function locateProblems(
  flow: FlowDraft,
  problems: readonly FlowProblem[],
): LocatedProblem[] {
  const ids = edgeIds(flow.edges);
  return problems.map((problem) => {
    const node = NODE_PATH.exec(problem.path);
    if (node) {
      const found = flow.nodes[Number(node[1])];
      return {
        ...problem,
        ...(found && problem.nodeId === undefined ? { nodeId: found.id } : {}),
        field: node[2] ?? "",
      };
    }
    const edge = EDGE_PATH.exec(problem.path);
    const edgeId = edge ? ids[Number(edge[1])] : undefined;
    return edgeId ? { ...problem, edgeId } : { ...problem };
  });
}

/** The messages of the problems on each node (not those on its edges), by node id. */
export function problemsByNode(problems: readonly LocatedProblem[]): Map<string, string[]> {
  return groupBy(
    problems.filter((p) => p.field !== undefined && p.nodeId),
    (p) => p.nodeId,
  );
}

/** The messages of the problems on each edge, by canvas edge id. */
export function problemsByEdge(problems: readonly LocatedProblem[]): Map<string, string[]> {
  return groupBy(problems, (p) => p.edgeId);
}

function groupBy(
  problems: readonly LocatedProblem[],
  keyOf: (problem: LocatedProblem) => string | undefined,
): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const problem of problems) {
    const key = keyOf(problem);
    if (key === undefined) continue;
    groups.set(key, [...(groups.get(key) ?? []), problem.message]);
  }
  return groups;
}

/**
 * The messages about one place: `field` inside node `nodeId`, or a flow-level pointer (such
 * as `/name`) when `nodeId` is undefined. A missing required property is reported on the
 * object that lacks it, so an object's own messages belong to the object's form.
 */
export function messagesAt(
  problems: readonly LocatedProblem[],
  nodeId: string | undefined,
  field: string,
): string[] {
  return problems
    .filter((p) =>
      nodeId === undefined
        ? p.field === undefined && p.edgeId === undefined && p.path === field
        : p.nodeId === nodeId && p.field === field,
    )
    .map((p) => p.message);
}
