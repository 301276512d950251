import { nodeDefinitions } from "../nodes/definitions.ts";
import type { FlowNode } from "../schema/flow.ts";
import type { BranchLabel } from "../schema/node-definition.ts";

type Config = FlowNode["config"];

/**
 * A node's branch labels. The registry is keyed by type, but TypeScript cannot tie
 * `nodeDefinitions[node.type]` to `node.config`, hence the one cast here.
 */
export function branchesOf(node: FlowNode): BranchLabel[] {
  const branches = nodeDefinitions[node.type].branches as (config: Config) => BranchLabel[];
  return branches(node.config);
}

/** The templates and expressions in a node's config (see {@link branchesOf} for the cast). */
export function referencesOf(node: FlowNode): { templates: string[]; expressions: string[] } {
  const references = nodeDefinitions[node.type].references as (config: Config) => {
    templates: string[];
    expressions: string[];
  };
  return references(node.config);
}
