import { nodeDefinitions } from "@switchboard/engine/schema";
import { Handle, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";
import type { CanvasNode } from "../core/canvas-graph.ts";
import { PLAIN_HANDLE } from "../core/node-metadata.ts";

/**
 * A node on the canvas: its type, title and a one-line summary of its config, its problems,
 * and one output handle per branch (labelled) or a single one for the plain edge. All text
 * comes from the document and is rendered as text.
 */
function FlowNodeViewInner({ data, selected, type }: NodeProps<CanvasNode>) {
  const definition = nodeDefinitions[type];
  const { node, summary, outputs, entry, problems } = data;
  const classes = ["flow-node", `category-${definition.category}`];
  if (selected) classes.push("selected");
  if (problems.length > 0) classes.push("has-problems");
  return (
    <div className={classes.join(" ")} data-testid={`node-${node.id}`}>
      <Handle type="target" position={Position.Left} className="handle-in" />
      <div className="flow-node-header">
        <span className="flow-node-type">{definition.label}</span>
        {entry && <span className="badge badge-entry">start</span>}
      </div>
      <div className="flow-node-title">{node.title || node.id}</div>
      {node.title && <div className="flow-node-id">{node.id}</div>}
      {summary && <div className="flow-node-summary">{summary}</div>}
      {problems.length > 0 && (
        <div className="flow-node-problems" title={problems.join("\n")}>
          {problems.length === 1 ? "1 problem" : `${problems.length} problems`}
        </div>
      )}
      {outputs.length === 1 && outputs[0]?.id === PLAIN_HANDLE ? (
        <Handle
          type="source"
          id={PLAIN_HANDLE}
          position={Position.Right}
          className="handle-out"
          title="next"
        />
      ) : (
        <div className="flow-node-outputs">
          {outputs.map((output) => (
            <div key={output.id} className="flow-node-output">
              <span className="branch-label">
                {output.id === PLAIN_HANDLE ? "next" : output.label}
              </span>
              <Handle
                type="source"
                id={output.id}
                position={Position.Right}
                className="handle-out handle-branch"
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
