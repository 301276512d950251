import type { NodeType } from "@switchboard/engine/schema";
import type { NodeTypes } from "@xyflow/react";
import { FlowNodeView } from "./FlowNodeView.tsx";

/**
 * The view of each node type, built once (React Flow warns when the map changes between
 * renders). Every type of the engine's registry needs an entry; today they share one view.
 */
export const flowNodeTypes = {
  classify: FlowNodeView,
  faq: FlowNodeView,
  sales: FlowNodeView,
  escalate: FlowNodeView,
  llm: FlowNodeView,
  condition: FlowNodeView,
  set: FlowNodeView,
  reply: FlowNodeView,
  http: FlowNodeView,
  end: FlowNodeView,
} satisfies { [K in NodeType]: NodeTypes[string] };
