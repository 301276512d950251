import { describe, expect, it } from "bun:test";
import { diffFlows } from "../../engine/src/diff/diff-flows.ts";
import type { NodeOf } from "../../engine/src/schema/flow.ts";
import { minimalFlow } from "./helpers/minimal-flow.ts";

function classifyNode(flow: ReturnType<typeof minimalFlow>): NodeOf<"classify"> {
  const node = flow.nodes[0];
  if (node?.type !== "classify") throw new Error("the minimal flow starts with a classify node");
  return node;
}

describe("diffFlows", () => {
  it("finds nothing between a flow and its next version number", () => {
    const diff = diffFlows(minimalFlow(), { ...minimalFlow(), version: 2, $schema: "x.json" });
    expect(diff.same).toBe(true);
    expect(diff.metadata).toEqual([]);
    expect(diff.nodes).toEqual({ added: [], removed: [], changed: [], moved: [] });
    expect(diff.edges).toEqual({ added: [], removed: [] });
  });

  it("reports the metadata fields that changed, added and removed", () => {
    const after = { ...minimalFlow(), name: "Renamed", description: "New", models: ["gpt"] };
    const diff = diffFlows(minimalFlow(), after);
    expect(diff.same).toBe(false);
    expect(diff.metadata).toEqual([
      { path: "/name", from: "Minimal flow", to: "Renamed" },
      { path: "/models", from: ["default"], to: ["gpt"] },
      { path: "/description", to: "New" },
    ]);
  });

  it("locates variable changes inside the list by index and field", () => {
    const before = minimalFlow();
    before.variables = [{ name: "plan", type: "string" }];
    const after = minimalFlow();
    after.variables = [
      { name: "plan", type: "number" },
      { name: "seats", type: "number" },
    ];
    expect(diffFlows(before, after).metadata).toEqual([
      { path: "/variables/0/type", from: "string", to: "number" },
      { path: "/variables/1", to: { name: "seats", type: "number" } },
    ]);
  });

  it("lists added and removed nodes whole", () => {
    const after = minimalFlow();
    const removed = after.nodes.splice(3, 1)[0];
    after.nodes.push({ id: "bye", type: "end", config: {} } as never);
    const diff = diffFlows(minimalFlow(), after);
    expect(diff.nodes.added.map((node) => node.id)).toEqual(["bye"]);
    expect(diff.nodes.removed).toEqual([removed as never]);
  });

  it("names the config paths of a changed node, reporting scalar lists whole", () => {
    const after = minimalFlow();
    const route = classifyNode(after);
    route.config.threshold = 0.6;
    route.config.intents[0]?.examples.unshift("hey");
    const diff = diffFlows(minimalFlow(), after);
    expect(diff.nodes.changed).toEqual([
      {
        id: "route",
        type: "classify",
        changes: [
          { path: "/config/threshold", from: 0.45, to: 0.6 },
          {
            path: "/config/intents/0/examples",
            from: ["hi", "hello there"],
            to: ["hey", "hi", "hello there"],
          },
        ],
      },
    ]);
  });

  it("reports a node whose type changed with its type and config paths", () => {
    const after = minimalFlow();
    after.nodes[3] = { id: "help", type: "end", config: {} } as never;
    const [change] = diffFlows(minimalFlow(), after).nodes.changed;
    expect(change?.type).toBe("end");
    expect(change?.changes).toContainEqual({ path: "/type", from: "reply", to: "end" });
  });

  it("keeps moved nodes apart from changed ones", () => {
    const before = minimalFlow();
    const after = minimalFlow();
    after.nodes[1] = { ...after.nodes[1], position: { x: 10, y: 20 } } as never;
    const diff = diffFlows(before, after);
    expect(diff.nodes.moved).toEqual(["greet_reply"]);
    expect(diff.nodes.changed).toEqual([]);
    expect(diff.same).toBe(true);
  });

  it("compares edges by source, target and branch", () => {
    const after = minimalFlow();
    after.edges[2] = { source: "route", target: "buy_reply", branch: "fallback" };
    const diff = diffFlows(minimalFlow(), after);
    expect(diff.edges.removed).toEqual([
      { source: "route", target: "help", branch: "fallback", name: "route -[fallback]-> help" },
    ]);
    expect(diff.edges.added).toEqual([
      {
        source: "route",
        target: "buy_reply",
        branch: "fallback",
        name: "route -[fallback]-> buy_reply",
      },
    ]);
  });

  it("does not count a default spelled out as a change", () => {
    const before = minimalFlow() as Partial<ReturnType<typeof minimalFlow>>;
    delete before.variables;
    delete before.knowledge;
    expect(diffFlows(before as ReturnType<typeof minimalFlow>, minimalFlow()).same).toBe(true);
  });

  it("does not change its inputs", () => {
    const a = minimalFlow();
    const b = minimalFlow();
    b.nodes.pop();
    diffFlows(a, b);
    expect(a).toEqual(minimalFlow());
  });
});
