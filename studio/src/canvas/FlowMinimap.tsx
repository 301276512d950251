import { nodeDefinitions } from "@switchboard/engine/schema";
import { Controls, MiniMap } from "@xyflow/react";
import type { CanvasNode } from "../core/canvas-graph.ts";

/** Node colours on the minimap: the type's colour, red with problems, blue when selected. */
const CATEGORY_COLORS = {
  understand: "#7c3aed",
  answer: "#0f766e",
  act: "#c2410c",
  logic: "#64748b",
} as const;

function minimapColor(node: CanvasNode): string {
  if (node.data.problems.length > 0) return "#dc2626";
  if (node.selected) return "#2563eb";
  return CATEGORY_COLORS[nodeDefinitions[node.data.node.type].category];
}

/**
 * The whole flow in small, with the zoom controls, under the palette rather than over the
 * canvas, so neither hides a node. Nodes have fixed sizes, so it shows them as soon as the
 * flow opens.
 */
export function FlowMinimap() {
  return (
    <div className="minimap-box">
      <h2 className="palette-group">Overview</h2>
      <MiniMap<CanvasNode>
        pannable
        zoomable
        nodeColor={minimapColor}
        nodeBorderRadius={4}
        ariaLabel="Minimap of the flow"
        style={{ width: 186, height: 130 }}
      />
      <Controls aria-label="Zoom controls" orientation="horizontal" />
    </div>
  );
}
