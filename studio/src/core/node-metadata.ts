import {
  type BranchLabel,
  type NodeCategory,
  type NodeType,
  nodeDefinitions,
  nodeTypes,
} from "@switchboard/engine/schema";
import type { FlowEdge, FlowNode } from "./flow-draft.ts";

type Config = FlowNode["config"];

/**
 * The handle id of a node's plain edge (the one without a branch). Not a valid identifier, so
 * no branch label can be mistaken for it.
 */
export const PLAIN_HANDLE = "@next";

/** The branch a connection from a handle takes: undefined for the plain edge. */
export const branchOfHandle = (handle: string | null | undefined): string | undefined =>
  handle === PLAIN_HANDLE || handle == null ? undefined : handle;

/** An output handle of a node on the canvas: a branch label, or `PLAIN_HANDLE`. */
export interface OutputHandle {
  id: string;
  label: string;
  required: boolean;
}

/**
 * The node type's metadata functions take a config that matches the schema; while editing it
 * may not (an intent list emptied), so they can throw. `undefined` then.
 */
function tryMetadata<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch {
    return undefined;
  }
}

/** The config summary shown on the canvas, or "" while the config is incomplete. */
export function summarizeNode(node: FlowNode): string {
  const summarize = nodeDefinitions[node.type].summarize as (config: Config) => string;
  return tryMetadata(() => summarize(node.config)) ?? "";
}

/** The node's branch labels, from its config; from its edges while the config is incomplete. */
function branchesOf(node: FlowNode, edges: readonly FlowEdge[] = []): BranchLabel[] {
  const branches = nodeDefinitions[node.type].branches as (config: Config) => BranchLabel[];
  const found = tryMetadata(() => branches(node.config));
  if (found) return found;
  const labels = new Set(
    edges.flatMap((e) => (e.source === node.id && e.branch ? [e.branch] : [])),
  );
  return [...labels].map((label) => ({ label, required: true }));
}

/**
 * The node's output handles: one per branch for a routing node (one with required branches);
 * otherwise the plain edge, then its optional branches (such as `error`).
 */
export function outputHandles(node: FlowNode, edges: readonly FlowEdge[] = []): OutputHandle[] {
  const branches = branchesOf(node, edges).map((b) => ({ id: b.label, ...b }));
  if (branches.some((branch) => branch.required)) return branches;
  return [{ id: PLAIN_HANDLE, label: "", required: false }, ...branches];
}

/** The palette's groups, in this order. */
const categoryLabels = {
  understand: "Understand",
  answer: "Answer",
  act: "Act",
  logic: "Logic",
} satisfies Record<NodeCategory, string>;

export interface PaletteGroup {
  category: NodeCategory;
  label: string;
  types: NodeType[];
}

/**
 * Every node type of the engine's registry, grouped by category, keeping those whose type,
 * label or description contains every word of `query`.
 */
export function paletteGroups(query = ""): PaletteGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (type: NodeType) => {
    const { label, description } = nodeDefinitions[type];
    const text = `${type} ${label} ${description}`.toLowerCase();
    return words.every((word) => text.includes(word));
  };
  return (Object.keys(categoryLabels) as NodeCategory[])
    .map((category) => ({
      category,
      label: categoryLabels[category],
      types: nodeTypes.filter((t) => nodeDefinitions[t].category === category && matches(t)),
    }))
    .filter((group) => group.types.length > 0);
}
