import { describe, expect, it } from "bun:test";
import type { FlowDraft } from "../../../studio/src/core/flow-draft.ts";
import type { XY } from "../../../studio/src/core/flow-edits.ts";
import {
  applyLayout,
  type FlowLayout,
  layoutFlow,
  routesThatHold,
} from "../../../studio/src/core/layout.ts";
import { nodeGeometry } from "../../../studio/src/core/node-geometry.ts";
import { sampleFlow } from "./helpers.ts";

/** ELK loads (1.5 MB) and lays out in this thread: seconds on a busy machine. */
const ELK_TIMEOUT = 30_000;

const supportFlow = async (): Promise<FlowDraft> =>
  Bun.file(new URL("../../../flows/support.flow.json", import.meta.url)).json();

interface Rect {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

function nodeRects(flow: FlowDraft, laid: FlowLayout): Rect[] {
  return flow.nodes.map((node) => {
    const at = laid.positions.get(node.id) ?? { x: NaN, y: NaN };
    const { width, height } = nodeGeometry(node, flow.edges);
    return { name: node.id, ...at, width, height };
  });
}

const overlap = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Whether an axis-parallel segment passes through a rectangle's inside. */
function crosses(a: XY, b: XY, r: Rect): boolean {
  const inset = 1;
  const x0 = Math.min(a.x, b.x);
  const x1 = Math.max(a.x, b.x);
  const y0 = Math.min(a.y, b.y);
  const y1 = Math.max(a.y, b.y);
  return (
    x1 > r.x + inset &&
    x0 < r.x + r.width - inset &&
    y1 > r.y + inset &&
    y0 < r.y + r.height - inset
  );
}

/** A chain of replies, one after another. */
function chain(count: number): FlowDraft {
  const nodes = Array.from({ length: count }, (_, i) => ({
    id: `n${i}`,
    type: "reply" as const,
    config: { text: `Step ${i}` },
  }));
  const edges = nodes.slice(1).map((n, i) => ({ source: `n${i}`, target: n.id }));
  return { ...sampleFlow(), entry: "n0", nodes, edges };
}

describe("layoutFlow", () => {
  it(
    "places each node right of the node its edge comes from, without overlaps",
    async () => {
      const flow = sampleFlow();
      const laid = await layoutFlow(flow);
      const at = (id: string) => laid.positions.get(id) ?? { x: 0, y: 0 };
      expect(at("answer").x).toBeGreaterThan(at("route").x + 200);
      expect(at("bye").x).toBe(at("answer").x);
      const [route, answer, bye] = nodeRects(flow, laid);
      expect([route, answer, bye].every(Boolean)).toBe(true);
      if (answer && bye) expect(overlap(answer, bye)).toBe(false);
    },
    ELK_TIMEOUT,
  );

  it(
    "routes each edge from its branch's handle to the target's input",
    async () => {
      const flow = sampleFlow();
      const laid = await layoutFlow(flow);
      const route = flow.nodes[0];
      if (!route) throw new Error("no node");
      const box = nodeGeometry(route, flow.edges);
      const start = laid.positions.get("route") ?? { x: 0, y: 0 };
      const fallback = box.outputs.find((output) => output.id === "fallback");
      const path = laid.routes.get("route:fallback->bye")?.points ?? [];
      expect(path[0]).toEqual({ x: start.x + box.width, y: start.y + (fallback?.y ?? 0) });
      const bye = flow.nodes[2];
      const end = laid.positions.get("bye") ?? { x: 0, y: 0 };
      if (!bye) throw new Error("no node");
      expect(path.at(-1)).toEqual({ x: end.x, y: end.y + nodeGeometry(bye, flow.edges).inputY });
    },
    ELK_TIMEOUT,
  );

  it(
    "routes the support flow's loop-backs around the nodes, with labels clear of nodes and each other",
    async () => {
      const flow = await supportFlow();
      const laid = await layoutFlow(flow);
      const nodes = nodeRects(flow, laid);
      const clashes: string[] = [];
      for (const [id, route] of laid.routes) {
        const [, , ...inner] = route.points;
        // Bends only: the first and last segments touch their own nodes' sides.
        inner.slice(0, -1).forEach((point, i) => {
          const next = inner[i + 1];
          if (!next) return;
          for (const node of nodes)
            if (crosses(point, next, node)) clashes.push(`${id} × ${node.name}`);
        });
      }
      expect(clashes).toEqual([]);
      const labels = [...laid.routes].flatMap(([id, route]) =>
        route.label ? [{ name: id, ...route.label }] : [],
      );
      expect(labels).toHaveLength(flow.edges.filter((edge) => edge.branch).length);
      for (const [i, label] of labels.entries()) {
        for (const node of nodes)
          expect(`${label.name} ${overlap(label, node)}`).toBe(`${label.name} false`);
        for (const other of labels.slice(i + 1)) expect(overlap(label, other)).toBe(false);
      }
    },
    ELK_TIMEOUT,
  );

  it(
    "is the layout the support flow is saved with, so it opens with routed edges",
    async () => {
      const flow = await supportFlow();
      const laid = await layoutFlow(flow);
      for (const node of flow.nodes) expect(node.position).toEqual(laid.positions.get(node.id));
      expect(routesThatHold(flow, laid.routes).size).toBe(flow.edges.length);
    },
    ELK_TIMEOUT,
  );

  it(
    "wraps a 300-node chain into rows of the view's shape instead of one long row",
    async () => {
      const flow = chain(300);
      const laid = await layoutFlow(flow, { aspectRatio: 1.1 });
      const rects = nodeRects(flow, laid);
      expect(new Set(rects.map((r) => `${r.x},${r.y}`)).size).toBe(300);
      const width = Math.max(...rects.map((r) => r.x + r.width));
      const height = Math.max(...rects.map((r) => r.y + r.height));
      expect(width / height).toBeGreaterThan(0.5);
      expect(width / height).toBeLessThan(2.5);
    },
    ELK_TIMEOUT,
  );
});

describe("routesThatHold", () => {
  it(
    "keeps a route while its nodes stay, shifts it when both move, drops it when one moves",
    async () => {
      const flow = applyLayout(sampleFlow(), await layoutFlow(sampleFlow()));
      const laid = await layoutFlow(flow);
      const id = "route:question->answer";
      expect(routesThatHold(flow, laid.routes).get(id)).toBe(laid.routes.get(id));

      const shift = (f: FlowDraft, ids: string[]) => ({
        ...f,
        nodes: f.nodes.map((n) =>
          ids.includes(n.id) && n.position
            ? { ...n, position: { x: n.position.x + 50, y: n.position.y + 20 } }
            : n,
        ),
      });
      const moved = routesThatHold(shift(flow, ["route", "answer", "bye"]), laid.routes).get(id);
      const before = laid.routes.get(id)?.points[0] ?? { x: 0, y: 0 };
      expect(moved?.points[0]).toEqual({ x: before.x + 50, y: before.y + 20 });
      expect(routesThatHold(shift(flow, ["answer"]), laid.routes).has(id)).toBe(false);
    },
    ELK_TIMEOUT,
  );
});
