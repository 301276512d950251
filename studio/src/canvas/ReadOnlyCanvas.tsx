import { Background, ReactFlow, ReactFlowProvider } from "@xyflow/react";
import { useEffect, useMemo, useState } from "react";
import {
  type CanvasEdge,
  type CanvasNode,
  type CanvasView,
  createCanvasMapper,
} from "../core/canvas-graph.ts";
import type { FlowDraft } from "../core/flow-draft.ts";
import { applyLayout, type EdgeRoute, layoutFlow } from "../core/layout.ts";
import { edgeTypes } from "../nodes/BranchEdge.tsx";
import { flowNodeTypes } from "../nodes/node-types.ts";
import { lightPath, NO_HIGHLIGHT, type PathHighlight } from "../runs/path-highlight.ts";
import { FIT_VIEW } from "./FlowCanvas.tsx";
import "./path.css";

const NONE = new Map();
const NOTHING = new Set<string>();

/**
 * A flow drawn to be looked at, not edited: laid out afresh, with a version comparison's marks
 * or a conversation's path lit on it. Nothing can be dragged, connected or selected.
 */
export function ReadOnlyCanvas({
  flow,
  diff,
  highlight = NO_HIGHLIGHT,
  label,
}: {
  flow: FlowDraft;
  diff?: CanvasView["diff"];
  highlight?: PathHighlight;
  label: string;
}) {
  const [laid, setLaid] = useState<{ flow: FlowDraft; routes: Map<string, EdgeRoute> }>();
  useEffect(() => {
    let current = true;
    void layoutFlow(flow).then((layout) => {
      if (current) setLaid({ flow: applyLayout(flow, layout), routes: layout.routes });
    });
    return () => {
      current = false;
    };
  }, [flow]);
  const { nodes, edges } = useMemo(() => {
    if (!laid) return { nodes: [], edges: [] };
    const mapped = createCanvasMapper()(laid.flow, {
      selectedNodes: NOTHING,
      selectedEdges: NOTHING,
      nodeProblems: NONE,
      edgeProblems: NONE,
      sizes: NONE,
      routes: laid.routes,
      diff,
    });
    return lightPath(mapped.nodes, mapped.edges, highlight);
  }, [laid, diff, highlight]);

  if (!laid) return null;
  return (
    <ReactFlowProvider>
      <ReactFlow<CanvasNode, CanvasEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={flowNodeTypes}
        edgeTypes={edgeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        fitView
        fitViewOptions={FIT_VIEW}
        minZoom={0.1}
        colorMode="system"
        aria-label={label}
      >
        <Background gap={24} />
      </ReactFlow>
    </ReactFlowProvider>
  );
}
