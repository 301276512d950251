import type { FlowDraft } from "./flow-draft.ts";
import type { XY } from "./flow-edits.ts";
import type { Size } from "./layout.ts";
import { nodeGeometry } from "./node-geometry.ts";

/** The space kept clear around a placed node. */
const MARGIN = 24;
/** How far the search for a free spot goes, in steps around the centre. */
const RINGS = 30;

/**
 * A top-left corner for a new node of `size`, as near `center` as possible without covering
 * any node of the flow: the centre itself if free, else the nearest free spot on rings of
 * growing distance around it.
 *
 * @example
 * const at = freeSpotNear(flow, { x: 400, y: 300 }, { width: 220, height: 78 });
 */
export function freeSpotNear(flow: FlowDraft, center: XY, size: Size): XY {
  const boxes = flow.nodes.flatMap((node) => {
    if (!node.position) return [];
    const { width, height } = nodeGeometry(node, flow.edges);
    return [{ ...node.position, width, height }];
  });
  const free = (at: XY) =>
    boxes.every(
      (box) =>
        at.x + size.width + MARGIN <= box.x ||
        box.x + box.width + MARGIN <= at.x ||
        at.y + size.height + MARGIN <= box.y ||
        box.y + box.height + MARGIN <= at.y,
    );
  const origin = { x: center.x - size.width / 2, y: center.y - size.height / 2 };
  const stepX = (size.width + MARGIN) / 2;
  const stepY = (size.height + MARGIN) / 2;
  for (let ring = 0; ring <= RINGS; ring++) {
    const candidates: XY[] = [];
    for (let i = -ring; i <= ring; i++)
      for (let j = -ring; j <= ring; j++)
        if (Math.max(Math.abs(i), Math.abs(j)) === ring)
          candidates.push({ x: origin.x + i * stepX, y: origin.y + j * stepY });
    candidates.sort(
      (a, b) =>
        Math.hypot(a.x - origin.x, a.y - origin.y) - Math.hypot(b.x - origin.x, b.y - origin.y),
    );
    const spot = candidates.find(free);
    if (spot) return { x: Math.round(spot.x), y: Math.round(spot.y) };
  }
  return origin;
}
