import { nodeDefinitions } from "@switchboard/engine/schema";
import { Handle, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";
import type { CanvasNode } from "../core/canvas-graph.ts";
import { hasPlainOutputOnly } from "../core/node-geometry.ts";
import { PLAIN_HANDLE } from "../core/node-metadata.ts";

/**
 * A node on the canvas: its type (by colour and name), title and a one-line summary of its
 * config, its problems, and one output handle per branch (labelled) or a single one for the
 * plain edge. Rows and handles sit where `nodeGeometry` says, which the layout routes edges to.
 * All text comes from the document and is rendered as text.
 */
function FlowNodeViewInner({ data, selected, type }: NodeProps<CanvasNode>) {
  const definition = nodeDefinitions[type];
  const { node, summary, geometry, entry, problems, diff } = data;
  const classes = ["flow-node", `category-${definition.category}`];
  if (selected) classes.push("selected");
  if (problems.length > 0) classes.push("has-problems");
  if (diff) classes.push(`diff-${diff}`);
  const plainOnly = hasPlainOutputOnly(geometry.outputs);
  const title = node.title || node.id;
  return (
    <div className={classes.join(" ")} data-testid={`node-${node.id}`} title={title}>
      <Handle type="target" position={Position.Left} className="handle-in" />
      <div className="flow-node-header">
        <span className="flow-node-type">{definition.label}</span>
        {entry && <span className="badge badge-entry">start</span>}
        {problems.length > 0 && (
          <span className="flow-node-problems" title={problems.join("\n")}>
            {problems.length === 1 ? "1 problem" : `${problems.length} problems`}
          </span>
        )}
        {diff && <span className="badge badge-diff">{diff}</span>}
      </div>
      <div className="flow-node-title">{title}</div>
      {node.title && <div className="flow-node-id">{node.id}</div>}
      {summary && <div className="flow-node-summary">{summary}</div>}
      {plainOnly ? (
        <Handle
          type="source"
          id={PLAIN_HANDLE}
          position={Position.Right}
          className="handle-out"
          title="next"
        />
      ) : (
        <div className="flow-node-outputs">
          {geometry.outputs.map((output) => (
            <div key={output.id} className="flow-node-output">
              <span className="branch-label">
                {output.id === PLAIN_HANDLE ? "next" : output.label}
              </span>
              <Handle
                type="source"
                id={output.id}
                position={Position.Right}
                className="handle-out handle-branch"
                style={{ top: output.y }}
                title={output.id === PLAIN_HANDLE ? "next" : `branch ${output.label}`}
              />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

/**
 * Drawn again only when what it shows changes: React Flow also passes the node's position,
 * which its wrapper applies, so a dragged node's content is not redrawn on every frame.
 */
export const FlowNodeView = memo(
  FlowNodeViewInner,
  (before, after) =>
    before.data === after.data &&
    before.selected === after.selected &&
    before.type === after.type &&
    before.id === after.id,
);
