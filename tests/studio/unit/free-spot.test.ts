import { describe, expect, it } from "bun:test";
import { freeSpotNear } from "../../../studio/src/core/free-spot.ts";
import { nodeGeometry } from "../../../studio/src/core/node-geometry.ts";
import { sampleFlow } from "./helpers.ts";

describe("freeSpotNear", () => {
  it("keeps the centre when it is free, and otherwise moves off every node", () => {
    const flow = sampleFlow();
    const size = { width: 220, height: 78 };
    expect(freeSpotNear(flow, { x: 2000, y: 2000 }, size)).toEqual({ x: 1890, y: 1961 });
    const answer = flow.nodes[1];
    if (!answer?.position) throw new Error("no node");
    const box = { ...answer.position, ...nodeGeometry(answer, flow.edges) };
    const spot = freeSpotNear(flow, { x: box.x + 100, y: box.y + 40 }, size);
    for (const node of flow.nodes) {
      const other = { ...node.position, ...nodeGeometry(node, flow.edges) } as typeof box;
      const apart =
        spot.x + size.width <= other.x ||
        other.x + other.width <= spot.x ||
        spot.y + size.height <= other.y ||
        other.y + other.height <= spot.y;
      expect(`${node.id} ${apart}`).toBe(`${node.id} true`);
    }
    expect(Math.hypot(spot.x - box.x, spot.y - box.y)).toBeLessThan(400);
  });
});
