import { Background, ReactFlow, ReactFlowProvider } from "@xyflow/react";
import { useEffect, useMemo, useState } from "react";
import { type CanvasEdge, type CanvasNode, createCanvasMapper } from "../core/canvas-graph.ts";
import type { DiffOverlay } from "../core/diff-overlay.ts";
import { applyLayout, type EdgeRoute, layoutFlow } from "../core/layout.ts";
import { edgeTypes } from "../nodes/BranchEdge.tsx";
import { flowNodeTypes } from "../nodes/node-types.ts";
import { FIT_VIEW } from "./FlowCanvas.tsx";

const NONE = new Map();
const NOTHING = new Set<string>();

/**
 * Two versions compared on a canvas of their own, over the editor's: the union of both laid out
 * afresh, added nodes and edges in green, removed ones dashed red, changed nodes in amber.
 * Read-only; closing it returns to the editor.
 */
export function DiffCanvas({
  overlay,
  title,
  onClose,
}: {
  overlay: DiffOverlay;
  title: string;
  onClose: () => void;
}) {
  const [laid, setLaid] = useState<{ flow: DiffOverlay["flow"]; routes: Map<string, EdgeRoute> }>();
  useEffect(() => {
    let current = true;
    void layoutFlow(overlay.flow).then((layout) => {
      if (current) setLaid({ flow: applyLayout(overlay.flow, layout), routes: layout.routes });
    });
    return () => {
      current = false;
    };
  }, [overlay]);
  const { nodes, edges } = useMemo(() => {
    if (!laid) return { nodes: [], edges: [] };
    return createCanvasMapper()(laid.flow, {
      selectedNodes: NOTHING,
      selectedEdges: NOTHING,
      nodeProblems: NONE,
      edgeProblems: NONE,
      sizes: NONE,
      routes: laid.routes,
      diff: overlay.marks,
    });
  }, [laid, overlay]);

  return (
    <section className="diff-canvas" aria-label="Differences on the canvas">
      <header className="diff-canvas-header">
        <strong>{title}</strong>
        <span className="diff-legend">
          <span className="legend-added">added</span>
          <span className="legend-removed">removed</span>
          <span className="legend-changed">changed</span>
        </span>
        <button type="button" onClick={onClose}>
          Back to editing
        </button>
      </header>
      {laid && (
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
            aria-label="Compared versions"
          >
            <Background gap={24} />
          </ReactFlow>
        </ReactFlowProvider>
      )}
    </section>
  );
}
