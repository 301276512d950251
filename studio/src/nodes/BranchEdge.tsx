import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getSmoothStepPath } from "@xyflow/react";
import { memo } from "react";
import type { CanvasEdge } from "../core/canvas-graph.ts";
import type { XY } from "../core/flow-edits.ts";
import { EDGE_LABEL, edgeLabelWidth } from "../core/node-geometry.ts";

/** Corner radius of a routed edge's bends. */
const RADIUS = 8;

/** An SVG path through a route's points, its corners rounded. */
function roundedPath(points: readonly XY[]): string {
  const [first, ...rest] = points;
  if (!first) return "";
  let path = `M ${first.x} ${first.y}`;
  rest.forEach((point, i) => {
    const before = i === 0 ? first : rest[i - 1];
    const after = rest[i + 1];
    if (!before || !after) {
      path += ` L ${point.x} ${point.y}`;
      return;
    }
    const into = Math.min(RADIUS, Math.hypot(point.x - before.x, point.y - before.y) / 2);
    const out = Math.min(RADIUS, Math.hypot(after.x - point.x, after.y - point.y) / 2);
    const a = toward(point, before, into);
    const b = toward(point, after, out);
    path += ` L ${a.x} ${a.y} Q ${point.x} ${point.y} ${b.x} ${b.y}`;
  });
  return path;
}

function toward(from: XY, to: XY, distance: number): XY {
  const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
  return {
    x: from.x + ((to.x - from.x) / length) * distance,
    y: from.y + ((to.y - from.y) / length) * distance,
  };
}

/**
 * An edge labelled with the branch it takes; red, with its problems as a tooltip, when wrong.
 * It follows the route the layout gave it while its nodes stay put; otherwise (a node dragged
 * since) it takes a plain stepped path with the label at its middle.
 */
function BranchEdgeInner(props: EdgeProps<CanvasEdge>) {
  const { id, data, selected, markerEnd } = props;
  const route = data?.route;
  const [stepPath, midX, midY] = getSmoothStepPath({ ...props, borderRadius: RADIUS });
  const path = route ? roundedPath(route.points) : stepPath;
  const text = data?.branch ?? "";
  const width = route?.label?.width ?? edgeLabelWidth(text);
  const height = route?.label?.height ?? EDGE_LABEL.height;
  const left = route?.label?.x ?? midX - width / 2;
  const top = route?.label?.y ?? midY - height / 2;
  const problems = data?.problems ?? [];
  const classes = ["branch-edge"];
  if (selected) classes.push("selected");
  if (problems.length > 0) classes.push("has-problems");
  if (data?.diff) classes.push(`diff-${data.diff}`);
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={[...classes, route ? "routed" : "stepped"].join(" ")}
      />
      {(text || problems.length > 0) && (
        <EdgeLabelRenderer>
          <div
            className={`edge-label ${classes.join(" ")}`}
            data-edge={id}
            style={{ transform: `translate(${left}px, ${top}px)`, width, height }}
            title={problems.join("\n") || undefined}
          >
            {text}
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
