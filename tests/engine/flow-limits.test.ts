import { describe, expect, it } from "bun:test";
import { MemorySaver } from "@langchain/langgraph";
import { compileGraph, FlowError, parseFlow, runTurn, validateFlow } from "@switchboard/engine";

/** A flow whose entry is `first`, followed by `replies` reply nodes in one chain. */
function chainFlow(replies: number, first?: Record<string, unknown>) {
  const nodes: Record<string, unknown>[] = [];
  if (first) nodes.push(first);
  for (let i = 0; i < replies; i++)
    nodes.push({ id: `say_${i}`, type: "reply", config: { text: `Step ${i}.` } });
  const edges = nodes.slice(1).map((node, i) => ({ source: nodes[i]?.id, target: node.id }));
  return { id: "chain", name: "Chain", version: 1, entry: nodes[0]?.id, nodes, edges };
}

const classify = {
  id: "ask",
  type: "classify",
  config: {
    intents: [
      { name: "yes", description: "Agrees", examples: ["yes", "sure"] },
      { name: "no", description: "Declines", examples: ["no", "nope"] },
    ],
  },
};

describe("a turn longer than LangGraph's recursion limit", () => {
  it("is reported by the validator, naming the path", () => {
    const result = validateFlow(chainFlow(200));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const [problem] = result.problems;
    expect(problem?.nodeId).toBe("say_0");
    expect(problem?.message).toContain("200 nodes");
    expect(problem?.message).toContain('"say_0" → "say_1" → "say_2"');
    expect(problem?.message).toContain('"say_199"');
    expect(problem?.message).toContain("at most 199");
  });

  it("is counted from a node that waits for the user, too", () => {
    const result = validateFlow(chainFlow(199, classify));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // Other problems (the classify node's unrouted branches) are reported too.
    const turn = result.problems.find((problem) => problem.message.includes("A turn starting"));
    expect(turn?.nodeId).toBe("ask");
    expect(turn?.message).toContain("200 nodes");
  });

  it("passes the longest turn that runs, and that turn runs", async () => {
    const result = validateFlow(chainFlow(199));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const graph = compileGraph(result.flow, { checkpointer: new MemorySaver() });
    const turn = await runTurn(graph, "t1", { kind: "user", text: "hi" });
    expect(turn.replies).toHaveLength(199);
    expect(turn.status).toBe("ended");
  });

  it("is measured over the longest of several paths", () => {
    const flow = chainFlow(150);
    // A side road from step 10 that rejoins at step 60 is longer than the 50 steps it skips.
    for (let i = 0; i < 120; i++)
      flow.nodes.push({ id: `detour_${i}`, type: "reply", config: { text: `Detour ${i}.` } });
    flow.nodes[10] = {
      id: "say_10",
      type: "condition",
      config: { rules: [{ label: "detour", when: "last_message == 'x'" }] },
    };
    flow.edges = flow.edges.map((edge) =>
      edge.source === "say_10" ? { ...edge, branch: "default" } : edge,
    );
    flow.edges.push({ source: "say_10", target: "detour_0", branch: "detour" } as never);
    for (let i = 1; i < 120; i++)
      flow.edges.push({ source: `detour_${i - 1}`, target: `detour_${i}` });
    flow.edges.push({ source: "detour_119", target: "say_60" });
    const result = validateFlow(flow);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // 11 steps to say_10, 120 detour steps, then say_60 … say_149: 221 nodes.
    expect(result.problems[0]?.message).toContain("221 nodes");
    expect(result.problems[0]?.message).toContain('"detour_0"');
  });
});

describe("a deeply nested flow document", () => {
  const depth = 80_000;
  const text = `{"id":"deep","nodes":${"[".repeat(depth)}${"]".repeat(depth)}}`;

  // The root object is level 1, `nodes` level 2: the 65th level is 63 arrays further in.
  it("gets a problem from the validator, not a stack overflow", () => {
    const result = validateFlow(JSON.parse(text));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        path: `/nodes${"/0".repeat(63)}`,
        message: "The flow document is nested more than 64 levels deep; a flow needs far fewer.",
      },
    ]);
  });

  it("is refused by parseFlow as an invalid flow", () => {
    let error: unknown;
    try {
      parseFlow(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FlowError);
    expect((error as FlowError).code).toBe("invalid_flow");
    expect((error as FlowError).message).toContain("nested more than 64 levels deep");
  });
});
