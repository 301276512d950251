import { describe, expect, it } from "bun:test";
import { Command, MemorySaver } from "@langchain/langgraph";
import {
  compileGraph,
  createModelRegistry,
  FlowError,
  type ModelRegistry,
  runTurn,
  ScriptedChatModel,
  type TurnEvent,
} from "@switchboard/engine";
import { flowOf } from "./helpers/flow-of.ts";

const intents = [
  {
    name: "hours",
    description: "Opening hours",
    examples: ["when do you open", "what are your opening hours", "are you open on sunday"],
  },
  {
    name: "human",
    description: "Talk to a person",
    examples: ["talk to a human", "can I speak to someone", "real person please"],
  },
];

const classifyFlow = flowOf({
  entry: "classify",
  nodes: [
    { id: "classify", type: "classify", config: { intents, threshold: 0.4 } },
    { id: "hours", type: "reply", config: { text: "We open at 9am." } },
    {
      id: "human",
      type: "escalate",
      config: {
        reason: "asked: {{last_message}}",
        message: "Connecting you.",
        queue: "support",
        handback: "The bot is back.",
      },
    },
    { id: "fallback", type: "reply", config: { text: "Sorry?" } },
  ],
  edges: [
    { source: "classify", target: "hours", branch: "hours" },
    { source: "classify", target: "human", branch: "human" },
    { source: "classify", target: "fallback", branch: "fallback" },
    { source: "hours", target: "classify" },
    { source: "fallback", target: "classify" },
    { source: "human", target: "classify", branch: "resolved" },
  ],
});

function scriptedModels(chat: ScriptedChatModel): ModelRegistry {
  const model = {
    name: "default",
    provider: "scripted" as const,
    entry: { provider: "scripted" as const },
    chat,
  };
  return { names: ["default"], get: () => model, chain: () => [model] };
}

describe("compileGraph", () => {
  it("answers, then waits for the next message on the same thread", async () => {
    const graph = compileGraph(classifyFlow, { checkpointer: new MemorySaver() });
    const first = await runTurn(graph, "t1", { kind: "user", text: "when do you open?" });
    expect(first.replies.map((r) => r.text)).toEqual(["We open at 9am."]);
    expect(first.visited).toEqual(["classify", "hours"]);
    expect(first.intent?.name).toBe("hours");
    expect(first.status).toBe("waiting");
    const second = await runTurn(graph, "t1", { kind: "user", text: "blorp zzz" });
    expect(second.visited).toEqual(["classify", "fallback"]);
    expect(second.replies[0]?.text).toBe("Sorry?");
  });

  it("goes on with a conversation that an earlier version paused inside the waiting node", async () => {
    const graph = compileGraph(classifyFlow, { checkpointer: new MemorySaver() });
    const config = { configurable: { thread_id: "t-paused" } };
    // Earlier versions entered the node that reads the next message, and paused there.
    const paused = (await graph.invoke(
      new Command({ goto: "classify", update: { bookkeeping: { replied: true } } }),
      config,
    )) as { __interrupt__?: { value: unknown }[] };
    expect(paused.__interrupt__?.[0]?.value).toEqual({ waitingFor: "user", nodeId: "classify" });
    const turn = await runTurn(graph, "t-paused", { kind: "user", text: "when do you open?" });
    expect(turn.visited).toEqual(["classify", "hours"]);
    expect(turn.replies.map((r) => r.text)).toEqual(["We open at 9am."]);
    expect(turn.status).toBe("waiting");
  });

  it("reads the conversation from the checkpointer once per turn", async () => {
    const checkpointer = new MemorySaver();
    const reads: string[] = [];
    const getTuple = checkpointer.getTuple.bind(checkpointer);
    checkpointer.getTuple = (config) => {
      reads.push(String(config.configurable?.thread_id));
      return getTuple(config);
    };
    const graph = compileGraph(classifyFlow, { checkpointer });
    await runTurn(graph, "t9", { kind: "user", text: "when do you open?" });
    const second = await runTurn(graph, "t9", { kind: "user", text: "talk to a human" });
    const third = await runTurn(graph, "t9", { kind: "agent", text: "Hi, Sam here." });
    expect(reads).toEqual(["t9", "t9", "t9"]);
    expect(second.status).toBe("handoff");
    expect(third.replies.map((reply) => reply.author)).toEqual(["agent"]);
  });

  it("keeps a conversation across a restart that shares the checkpointer", async () => {
    const checkpointer = new MemorySaver();
    await runTurn(compileGraph(classifyFlow, { checkpointer }), "t2", {
      kind: "user",
      text: "talk to a human",
    });
    const restarted = compileGraph(classifyFlow, { checkpointer });
    const agent = await runTurn(restarted, "t2", { kind: "agent", text: "Hi, Sam here." });
    expect(agent.replies).toEqual([{ nodeId: "human", text: "Hi, Sam here.", author: "agent" }]);
    expect(agent.status).toBe("handoff");
  });

  it("hands a conversation to a human and back", async () => {
    const graph = compileGraph(classifyFlow, { checkpointer: new MemorySaver() });
    const opened = await runTurn(graph, "t3", {
      kind: "user",
      text: "can I speak to someone please",
    });
    expect(opened.handoff?.status).toBe("open");
    expect(opened.handoff?.reason).toBe("asked: can I speak to someone please");
    expect(opened.status).toBe("handoff");
    const whileOpen = await runTurn(graph, "t3", { kind: "user", text: "hello?" });
    expect(whileOpen.replies).toEqual([]);
    expect(whileOpen.status).toBe("handoff");
    const back = await runTurn(graph, "t3", { kind: "handback" });
    expect(back.handoff?.status).toBe("resolved");
    expect(back.replies.map((r) => r.text)).toEqual(["The bot is back."]);
    expect(back.status).toBe("waiting");
    const after = await runTurn(graph, "t3", { kind: "user", text: "are you open on sunday" });
    expect(after.replies[0]?.text).toBe("We open at 9am.");
  });

  it("rejects a human agent's action when no handoff is open", async () => {
    const graph = compileGraph(classifyFlow, { checkpointer: new MemorySaver() });
    await runTurn(graph, "t4", { kind: "user", text: "when do you open" });
    const rejected = runTurn(graph, "t4", { kind: "handback" });
    await expect(rejected).rejects.toBeInstanceOf(FlowError);
    await expect(rejected).rejects.toThrow(/No human agent holds this conversation/);
  });

  it("routes by the intent an LLM answers with structured output, tolerating a malformed answer", async () => {
    const chat = new ScriptedChatModel();
    const graph = compileGraph(classifyFlow, {
      checkpointer: new MemorySaver(),
      models: scriptedModels(chat),
    });
    chat.script(['Sure! {"intent": "hours", "confidence": 0.93}']);
    expect((await runTurn(graph, "t5", { kind: "user", text: "opening?" })).visited).toEqual([
      "classify",
      "hours",
    ]);
    chat.script(["I think it's about hours"]);
    const malformed = await runTurn(graph, "t5", { kind: "user", text: "hmm" });
    expect(malformed.visited).toEqual(["classify", "fallback"]);
  });

  it("streams an llm node's tokens and records the model call with its usage", async () => {
    const flow = flowOf({
      entry: "answer",
      nodes: [
        {
          id: "answer",
          type: "llm",
          config: { prompt: "Answer: {{last_message}}", fallback: "n/a" },
        },
      ],
      edges: [],
    });
    const chat = new ScriptedChatModel(["Our store opens at nine."]);
    const graph = compileGraph(flow, {
      checkpointer: new MemorySaver(),
      models: scriptedModels(chat),
    });
    const events: TurnEvent[] = [];
    const turn = await runTurn(
      graph,
      "t6",
      { kind: "user", text: "when?" },
      { onEvent: (e) => events.push(e) },
    );
    const tokens = events.flatMap((e) => (e.type === "token" ? [e.delta] : []));
    expect(tokens.length).toBeGreaterThan(1);
    expect(tokens.join("")).toBe("Our store opens at nine.");
    expect(turn.calls[0]).toMatchObject({
      nodeId: "answer",
      model: "default",
      provider: "scripted",
    });
    expect(turn.calls[0]?.outputTokens).toBeGreaterThan(0);
    expect(turn.status).toBe("ended");
    expect(String(chat.calls[0]?.at(-1)?.content)).toBe("Answer: when?");
  });

  it("takes a failing node's error branch, or says the flow's fallback when there is none", async () => {
    const withBranch = flowOf({
      entry: "answer",
      nodes: [
        { id: "answer", type: "llm", config: { prompt: "hi", fallback: "n/a" } },
        { id: "sorry", type: "reply", config: { text: "The assistant is unavailable." } },
      ],
      edges: [{ source: "answer", target: "sorry", branch: "error" }],
    });
    const empty = new ScriptedChatModel([]);
    const routed = await runTurn(
      compileGraph(withBranch, { checkpointer: new MemorySaver(), models: scriptedModels(empty) }),
      "t7",
      {
        kind: "user",
        text: "hello",
      },
    );
    expect(routed.visited).toEqual(["answer", "sorry"]);
    expect(routed.errors[0]?.code).toBe("model_failed");
    const withoutBranch = flowOf({
      ...withBranch,
      nodes: withBranch.nodes.slice(0, 1),
      edges: [],
      fallback: "Please try later.",
    });
    const fallback = await runTurn(
      compileGraph(withoutBranch, {
        checkpointer: new MemorySaver(),
        models: scriptedModels(empty),
      }),
      "t8",
      { kind: "user", text: "hello" },
    );
    expect(fallback.replies.map((r) => r.text)).toEqual(["Please try later."]);
    expect(fallback.status).toBe("ended");
  });

  it("fills sales slots across turns, re-asking on an invalid answer", async () => {
    const flow = flowOf({
      entry: "qualify",
      variables: [{ name: "lead", type: "object", default: {} }],
      nodes: [
        {
          id: "qualify",
          type: "sales",
          config: {
            store: "lead",
            qualify: { when: "fleet >= 5" },
            slots: [
              { name: "email", kind: "email", ask: "Your email?", required: true },
              { name: "fleet", kind: "number", ask: "How many bikes?", required: true, min: 1 },
            ],
          },
        },
        { id: "yes", type: "reply", config: { text: "Thanks, {{lead.email}}!" } },
        { id: "no", type: "reply", config: { text: "Our online store suits you best." } },
      ],
      edges: [
        { source: "qualify", target: "yes", branch: "qualified" },
        { source: "qualify", target: "no", branch: "not_qualified" },
      ],
    });
    const graph = compileGraph(flow, {
      checkpointer: new MemorySaver(),
      models: createModelRegistry(),
    });
    expect(
      (await runTurn(graph, "t9", { kind: "user", text: "I want bikes for my team" })).replies[0]
        ?.text,
    ).toBe("Your email?");
    const invalid = await runTurn(graph, "t9", { kind: "user", text: "not telling" });
    expect(invalid.replies[0]?.text).toContain("Your email?");
    expect(invalid.replies[0]?.text).toMatch(/^Sorry/);
    const email = await runTurn(graph, "t9", { kind: "user", text: "ana@acme.io" });
    expect(email.vars.lead).toEqual({ email: "ana@acme.io" });
    expect(email.replies[0]?.text).toBe("How many bikes?");
    const done = await runTurn(graph, "t9", { kind: "user", text: "12" });
    expect(done.replies[0]?.text).toBe("Thanks, ana@acme.io!");
    expect(done.vars.lead).toEqual({ email: "ana@acme.io", fleet: 12, qualified: true });
  });

  it("calls an HTTP API and maps its JSON into variables, taking error on a failure", async () => {
    const server = Bun.serve({
      port: 0,
      fetch: (request) =>
        new URL(request.url).pathname === "/orders/A%2012"
          ? Response.json({ data: { status: "shipped" } })
          : new Response("nope", { status: 500 }),
    });
    try {
      const flow = flowOf({
        entry: "set",
        variables: [
          { name: "order", type: "string" },
          { name: "status", type: "string" },
        ],
        nodes: [
          {
            id: "set",
            type: "set",
            config: { assign: [{ variable: "order", value: "last_message" }] },
          },
          {
            id: "track",
            type: "http",
            config: {
              url: `${server.url}orders/{{order}}`,
              map: [{ variable: "status", path: "data.status" }],
            },
          },
          { id: "ok", type: "reply", config: { text: "Your order is {{status}}." } },
          { id: "failed", type: "reply", config: { text: "Tracking is down." } },
        ],
        edges: [
          { source: "set", target: "track" },
          { source: "track", target: "ok" },
          { source: "track", target: "failed", branch: "error" },
        ],
      });
      // The test API listens on this machine, which the deployment must allow.
      const graph = compileGraph(flow, {
        checkpointer: new MemorySaver(),
        http: { allowedHosts: [server.hostname ?? "localhost"] },
      });
      expect((await runTurn(graph, "t10", { kind: "user", text: "A 12" })).replies[0]?.text).toBe(
        "Your order is shipped.",
      );
      expect((await runTurn(graph, "t11", { kind: "user", text: "B" })).replies[0]?.text).toBe(
        "Tracking is down.",
      );
    } finally {
      server.stop(true);
    }
  });
});

describe("reserved node ids", () => {
  it("reserves exactly the state's channels and LangGraph's own node names", async () => {
    const { FlowState } = await import("../../engine/src/state.ts");
    const { reservedNodeIds } = await import("../../engine/src/schema/builtin-names.ts");
    expect<string[]>([...reservedNodeIds].sort()).toEqual(
      ["__end__", "__start__", ...Object.keys(FlowState.spec)].sort(),
    );
  });
});
