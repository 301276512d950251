import { type NodeType, nodeDefinitions } from "../nodes/definitions.ts";
import type { FlowNode } from "../schema/flow.ts";

/** A node as far as it could be read: `node` only when it matches its type's schema. */
export interface ViewNode {
  index: number;
  id: string;
  type?: NodeType;
  node?: FlowNode;
}

export interface ViewEdge {
  index: number;
  source: string;
  target: string;
  branch?: string;
}

/**
 * What the graph and reference checks see of a flow that may not match the schema: every part
 * that could be read, so one broken node does not hide the problems of the others.
 */
export interface FlowView {
  entry?: string;
  models?: string[];
  knowledge?: string[];
  variables: string[];
  /** Every node with a string id, duplicates included. */
  nodes: ViewNode[];
  edges: ViewEdge[];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function isNodeType(type: unknown): type is NodeType {
  return typeof type === "string" && Object.hasOwn(nodeDefinitions, type);
}

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.map((item) => (isRecord(item) ? item : {})) : [];
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === "string")
    ? value
    : undefined;
}

/** Reads a schema-checked draft; `validNodes` holds the indices of nodes that matched their schema. */
export function readFlowView(draft: Record<string, unknown>, validNodes: Set<number>): FlowView {
  const nodes: ViewNode[] = [];
  records(draft.nodes).forEach((node, index) => {
    if (typeof node.id !== "string") return;
    const type = isNodeType(node.type) ? node.type : undefined;
    nodes.push({
      index,
      id: node.id,
      type,
      node: validNodes.has(index) ? (node as FlowNode) : undefined,
    });
  });
  const edges: ViewEdge[] = [];
  records(draft.edges).forEach((edge, index) => {
    const { source, target, branch } = edge;
    if (typeof source !== "string" || typeof target !== "string") return;
    edges.push({ index, source, target, branch: typeof branch === "string" ? branch : undefined });
  });
  const names = (items: Record<string, unknown>[], key: string) =>
    items.flatMap((item) => (typeof item[key] === "string" ? [item[key]] : []));
  return {
    entry: typeof draft.entry === "string" ? draft.entry : undefined,
    models: strings(draft.models),
    knowledge: Array.isArray(draft.knowledge) ? names(records(draft.knowledge), "id") : undefined,
    variables: names(records(draft.variables), "name"),
    nodes,
    edges,
  };
}

/** The first node of each id: edges name ids, so a duplicate's edges belong to the first. */
export function firstNodes(view: FlowView): Map<string, ViewNode> {
  const byId = new Map<string, ViewNode>();
  for (const node of view.nodes) if (!byId.has(node.id)) byId.set(node.id, node);
  return byId;
}
