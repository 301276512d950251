import type { FlowProblem } from "../errors.ts";
import { reservedNodeIds } from "../schema/builtin-names.ts";
import { type FlowView, firstNodes } from "./flow-view.ts";

function duplicateIds(view: FlowView): FlowProblem[] {
  const first = firstNodes(view);
  return view.nodes.flatMap((node) => {
    const original = first.get(node.id);
    if (!original || original === node) return [];
    return [
      {
        path: `/nodes/${node.index}/id`,
        nodeId: node.id,
        message: `Node id "${node.id}" is already used by /nodes/${original.index}; node ids must be unique.`,
      },
    ];
  });
}

function reservedIds(view: FlowView): FlowProblem[] {
  const reserved = new Set<string>(reservedNodeIds);
  return view.nodes
    .filter((node) => reserved.has(node.id))
    .map((node) => ({
      path: `/nodes/${node.index}/id`,
      nodeId: node.id,
      message: `Node id "${node.id}" is reserved for the conversation state; rename the node (e.g. "${node.id}_step").`,
    }));
}

function missingEndpoints(view: FlowView, ids: Set<string>): FlowProblem[] {
  return view.edges.flatMap((edge) =>
    (["source", "target"] as const).flatMap((end) =>
      ids.has(edge[end])
        ? []
        : [
            {
              path: `/edges/${edge.index}/${end}`,
              ...(ids.has(edge.source) ? { nodeId: edge.source } : {}),
              message: `The edge ${end} "${edge[end]}" is not a node of this flow.`,
            },
          ],
    ),
  );
}

function unreachable(view: FlowView, entry: string): FlowProblem[] {
  const reached = new Set([entry]);
  const queue = [entry];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const edge of view.edges) {
      if (edge.source !== id || reached.has(edge.target)) continue;
      reached.add(edge.target);
      queue.push(edge.target);
    }
  }
  return [...firstNodes(view).values()]
    .filter((node) => !reached.has(node.id))
    .map((node) => ({
      path: `/nodes/${node.index}`,
      nodeId: node.id,
      message: `Node "${node.id}" cannot be reached from the entry node "${entry}".`,
    }));
}

/** Problems with the shape of the graph: ids, edge ends, the entry node and reachability. */
export function graphProblems(view: FlowView): FlowProblem[] {
  const ids = new Set(view.nodes.map((node) => node.id));
  const problems = [...duplicateIds(view), ...reservedIds(view), ...missingEndpoints(view, ids)];
  if (view.entry === undefined) return problems;
  if (!ids.has(view.entry)) {
    return [
      ...problems,
      { path: "/entry", message: `The entry node "${view.entry}" is not a node of this flow.` },
    ];
  }
  return [...problems, ...unreachable(view, view.entry)];
}
