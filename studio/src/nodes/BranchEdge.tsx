import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getBezierPath } from "@xyflow/react";
import { memo } from "react";
import type { CanvasEdge } from "../core/canvas-graph.ts";

/** An edge labelled with the branch it takes; red, with its problems as a tooltip, when wrong. */
function BranchEdgeInner(props: EdgeProps<CanvasEdge>) {
  const { id, data, selected, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath(props);
  const problems = data?.problems ?? [];
  const classes = ["branch-edge"];
  if (selected) classes.push("selected");
  if (problems.length > 0) classes.push("has-problems");
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={classes.join(" ")} />
      {(data?.branch || problems.length > 0) && (
        <EdgeLabelRenderer>
          <div
            className={`edge-label ${classes.join(" ")}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            title={problems.join("\n") || undefined}
          >
            {data?.branch ?? ""}
            {problems.length > 0 && (
              <>
                <span aria-hidden="true"> ⚠</span>
                <span className="visually-hidden">has problems</span>
              </>
            )}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

const BranchEdge = memo(BranchEdgeInner);
export const edgeTypes = { branch: BranchEdge };
