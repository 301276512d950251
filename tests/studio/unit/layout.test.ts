import { describe, expect, it } from "bun:test";
import { layoutFlow } from "../../../studio/src/core/layout.ts";
import { sampleFlow } from "./helpers.ts";

describe("layoutFlow", () => {
  it("places each node right of the node its edge comes from, without overlaps", () => {
    const flow = sampleFlow();
    const laid = layoutFlow({
      ...flow,
      nodes: flow.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })),
    });
    const at = (id: string) => laid.nodes.find((n) => n.id === id)?.position ?? { x: 0, y: 0 };
    expect(at("answer").x).toBeGreaterThan(at("route").x + 200);
    expect(at("bye").x).toBe(at("answer").x);
    expect(Math.abs(at("bye").y - at("answer").y)).toBeGreaterThanOrEqual(96);
  });

  it("gives each of 300 nodes a place of its own", () => {
    const flow = sampleFlow();
    const nodes = Array.from({ length: 300 }, (_, i) => ({
      id: `n${i}`,
      type: "reply" as const,
      config: { text: "x" },
    }));
    const edges = nodes.slice(1).map((n, i) => ({ source: `n${Math.floor(i / 2)}`, target: n.id }));
    const laid = layoutFlow({ ...flow, nodes, edges });
    expect(new Set(laid.nodes.map((n) => `${n.position?.x},${n.position?.y}`)).size).toBe(300);
  });
});
