import { builtinNames } from "@switchboard/engine/validate";
import type { FlowDraft } from "./flow-draft.ts";

/**
 * The names a `{{placeholder}}` or an expression may read in this flow: its declared
 * variables, the built-in names, and each sales node's lead.
 */
export function readableNames(flow: FlowDraft): string[] {
  const stores = flow.nodes.flatMap((node) => (node.type === "sales" ? [node.config.store] : []));
  const declared = flow.variables.map((variable) => variable.name);
  return [...new Set([...declared, ...builtinNames, ...stores].filter(Boolean))];
}
