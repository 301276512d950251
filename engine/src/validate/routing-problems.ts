import type { FlowProblem } from "../errors.ts";
import { type NodeType, nodeDefinitions } from "../nodes/definitions.ts";
import type { BranchLabel } from "../schema/node-definition.ts";
import { type FlowView, firstNodes, type ViewEdge, type ViewNode } from "./flow-view.ts";
import { branchesOf } from "./node-metadata.ts";

const quoted = (labels: string[]) => labels.map((label) => `"${label}"`).join(", ");

/** An edge per branch: a second edge for the same branch would make the route ambiguous. */
function repeatedBranches(node: ViewNode, edges: ViewEdge[]): FlowProblem[] {
  const first = new Map<string, ViewEdge>();
  return edges.flatMap((edge) => {
    if (edge.branch === undefined) return [];
    const earlier = first.get(edge.branch);
    if (!earlier) {
      first.set(edge.branch, edge);
      return [];
    }
    const message = `Branch "${edge.branch}" of node "${node.id}" already has an edge (/edges/${earlier.index}); a branch leads to one node.`;
    return [{ path: `/edges/${edge.index}/branch`, nodeId: node.id, message }];
  });
}

/** Every edge of a routing node names a declared branch, and every required branch has an edge. */
function routingNodeProblems(
  node: ViewNode,
  edges: ViewEdge[],
  branches: BranchLabel[],
): FlowProblem[] {
  const labels = branches.map((branch) => branch.label);
  const problems: FlowProblem[] = edges.flatMap((edge) => {
    if (edge.branch === undefined) {
      const message = `The edge from "${node.id}" to "${edge.target}" must name a branch; "${node.id}" routes by ${quoted(labels)}.`;
      return [{ path: `/edges/${edge.index}`, nodeId: node.id, message }];
    }
    if (labels.includes(edge.branch)) return [];
    const message = `Node "${node.id}" has no branch "${edge.branch}"; its branches are ${quoted(labels)}.`;
    return [{ path: `/edges/${edge.index}/branch`, nodeId: node.id, message }];
  });
  for (const branch of branches) {
    if (!branch.required || edges.some((edge) => edge.branch === branch.label)) continue;
    const message = `Branch "${branch.label}" of node "${node.id}" has no edge; connect it to the node that comes next.`;
    problems.push({ path: `/nodes/${node.index}`, nodeId: node.id, message });
  }
  return problems;
}

function deadEnd(node: ViewNode, type: string, withoutBranch: boolean): FlowProblem {
  const edge = withoutBranch ? "an outgoing edge without a branch" : "an outgoing edge";
  const message = `Node "${node.id}" is a dead end: a ${type} node cannot end the conversation, so it needs ${edge}.`;
  return { path: `/nodes/${node.index}`, nodeId: node.id, message };
}

/**
 * A node without required branches continues along one plain edge, and may also wire its
 * optional branches (`error` of llm and http); one that cannot end the conversation needs
 * the plain edge.
 */
function plainNodeProblems(
  node: ViewNode,
  type: NodeType,
  edges: ViewEdge[],
  branches: BranchLabel[],
): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const labels = branches.map((branch) => branch.label);
  for (const edge of edges) {
    if (edge.branch === undefined || labels.includes(edge.branch)) continue;
    const message =
      labels.length === 0
        ? `Node "${node.id}" does not route by branch (a ${type} node has one outgoing edge), so its edge must not name the branch "${edge.branch}".`
        : `Node "${node.id}" has no branch "${edge.branch}"; besides its plain edge it can only take ${quoted(labels)}.`;
    problems.push({ path: `/edges/${edge.index}/branch`, nodeId: node.id, message });
  }
  const plain = edges.filter((edge) => edge.branch === undefined);
  if (plain.length > 1) {
    const targets = quoted(plain.map((edge) => edge.target));
    const message = `Node "${node.id}" has ${plain.length} outgoing edges (to ${targets}), but a ${type} node continues along a single edge.`;
    problems.push({ path: `/nodes/${node.index}`, nodeId: node.id, message });
  }
  if (plain.length === 0 && !nodeDefinitions[type].final)
    problems.push(deadEnd(node, type, labels.length > 0));
  return problems;
}

/**
 * Problems with the edges leaving each node, judged by its type's branches. A node whose
 * config does not match its schema has unknown branches: only a node with no edge at all is
 * judged then.
 */
export function routingProblems(view: FlowView): FlowProblem[] {
  return [...firstNodes(view).values()].flatMap((node) => {
    const { type } = node;
    if (!type) return [];
    const edges = view.edges.filter((edge) => edge.source === node.id);
    if (!node.node)
      return edges.length === 0 && !nodeDefinitions[type].final ? [deadEnd(node, type, false)] : [];
    const branches = branchesOf(node.node);
    const problems = repeatedBranches(node, edges);
    if (branches.some((branch) => branch.required))
      return [...problems, ...routingNodeProblems(node, edges, branches)];
    return [...problems, ...plainNodeProblems(node, type, edges, branches)];
  });
}
