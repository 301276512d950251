import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import type { Flow } from "../../../engine/src/schema/flow.ts";
import { minimalFlow } from "../../engine/helpers/minimal-flow.ts";
import { ADMIN_TOKEN, api, startTestServer, type TestServer } from "../server/test-server.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  const flow: Flow = { ...minimalFlow(), id: "bench" };
  await api(server, "/api/flows", { method: "POST", token: ADMIN_TOKEN, body: { flow } });
});

afterAll(async () => {
  await server.stop();
});

interface StreamedEvent {
  event: string;
  data: Record<string, unknown>;
}

/** Posts a test turn and reads its Server-Sent Events as they arrive, until the stream ends. */
async function testTurn(
  flowId: string,
  body: Record<string, unknown>,
): Promise<{ status: number; contentType: string | null; events: StreamedEvent[] }> {
  const response = await fetch(`${server.url}/api/flows/${flowId}/test-turn`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const contentType = response.headers.get("content-type");
  if (!contentType?.startsWith("text/event-stream"))
    return { status: response.status, contentType, events: [await response.json()] };
  const events: StreamedEvent[] = [];
  const decoder = new TextDecoder();
  let buffer = "";
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    buffer += decoder.decode(read.value, { stream: true });
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const field = (name: string) =>
        block
          .split("\n")
          .find((line) => line.startsWith(`${name}: `))
          ?.slice(name.length + 2);
      events.push({ event: field("event") ?? "", data: JSON.parse(field("data") ?? "null") });
    }
  }
  return { status: response.status, contentType, events };
}

const user = (text: string) => ({ kind: "user", text });
const repliesOf = (events: StreamedEvent[]) =>
  events.filter((e) => e.event === "reply").map((e) => e.data.text as string);
const doneOf = (events: StreamedEvent[]) => {
  const done = events.at(-1);
  if (done?.event !== "done") throw new Error(`the stream ended with ${JSON.stringify(done)}`);
  return done.data as { result: { status: string; threadId: string; vars: unknown } };
};

describe("a test turn", () => {
  it("streams node enter and exit with the state, the reply, then done with the result", async () => {
    const { status, contentType, events } = await testTurn("support", {
      input: user("what time do you open on sunday?"),
    });
    expect(status).toBe(200);
    expect(contentType).toStartWith("text/event-stream");
    const modelEvents = new Set(["model_call", "token"]);
    expect(events.map((e) => e.event).filter((name) => !modelEvents.has(name))).toEqual([
      "node_start",
      "node_end",
      "node_start",
      "reply",
      "node_end",
      "done",
    ]);
    expect(events.find((e) => e.event === "model_call")?.data).toMatchObject({
      call: { nodeId: "classify", provider: "local" },
    });
    expect(events[0]?.data).toEqual({ nodeId: "classify", nodeType: "classify" });
    const classified = events.find((e) => e.event === "node_end")?.data as {
      state: { intent: { name: string } };
      route: string;
    };
    expect(classified.state.intent.name).toBe("question");
    expect(classified.route).toBe("question");
    expect(repliesOf(events).join(" ")).toContain("Sunday");
    expect(doneOf(events).result.status).toBe("waiting");
  });

  it("starts afresh each time without a thread id", async () => {
    for (let i = 0; i < 2; i++) {
      const { events } = await testTurn("sales", { input: user("Hi, I'm Priya Shah") });
      expect(repliesOf(events).join(" ")).toContain("Voltra for Business");
    }
  });

  it("continues a named thread from one call to the next", async () => {
    const thread_id = `lead-${crypto.randomUUID()}`;
    const first = await testTurn("sales", {
      input: user("Hi, we're looking at e-bikes for our staff"),
      thread_id,
    });
    expect(repliesOf(first.events).join(" ")).toContain("your name");
    const second = await testTurn("sales", { input: user("Hi, I'm Priya Shah"), thread_id });
    const ended = second.events.filter((e) => e.event === "node_end").at(-1);
    expect(ended?.data).toMatchObject({ state: { vars: { lead: { name: "Priya Shah" } } } });
    expect(repliesOf(second.events).join(" ")).toContain("email");
    expect(doneOf(second.events).result.threadId).toBe(`studio:sales:${thread_id}`);
  });

  it("runs the draft by default, and any saved version on request", async () => {
    const draft = minimalFlow();
    draft.id = "bench";
    draft.nodes = draft.nodes.map((node) =>
      node.id === "greet_reply" ? { ...node, config: { text: "Draft hello!" } } : node,
    ) as Flow["nodes"];
    await api(server, "/api/flows/bench/draft", { method: "PUT", token: ADMIN_TOKEN, body: draft });

    const fromDraft = await testTurn("bench", { input: user("hello") });
    expect(repliesOf(fromDraft.events)).toEqual(["Draft hello!"]);
    const fromVersion = await testTurn("bench", { input: user("hello"), version: 1 });
    expect(repliesOf(fromVersion.events)).toEqual(["Hello! You said: hello"]);
  });

  it("answers with an error before streaming for an unknown flow or a draft that does not validate", async () => {
    const missing = await testTurn("nope", { input: user("hi") });
    expect(missing.status).toBe(404);
    expect(missing.events[0]).toMatchObject({ code: "not_found" });

    const broken = { ...minimalFlow(), id: "bench", entry: "nowhere" };
    await api(server, "/api/flows/bench/draft", {
      method: "PUT",
      token: ADMIN_TOKEN,
      body: broken,
    });
    const invalid = await testTurn("bench", { input: user("hi") });
    expect(invalid.status).toBe(400);
    expect(invalid.events[0]).toMatchObject({
      code: "invalid_flow",
      problems: [{ path: "/entry" }],
    });
  });

  it("ends the stream with failed when the turn itself is refused", async () => {
    const { status, events } = await testTurn("support", { input: { kind: "agent", text: "hi" } });
    expect(status).toBe(200);
    expect(events).toEqual([
      {
        event: "failed",
        data: { code: "turn_rejected", message: expect.stringContaining("No human agent") },
      },
    ]);
  });
});

describe("running simulations", () => {
  it("runs the simulations file next to the flow's file, with coverage", async () => {
    const { status, body } = await api(server, "/api/flows/support/simulations/run", {
      method: "POST",
      token: ADMIN_TOKEN,
    });
    expect(status).toBe(200);
    const run = body as {
      passed: boolean;
      version: number;
      outcomes: { passed: boolean }[];
      coverage: { nodes: { uncovered: string[] }; edges: { uncovered: string[] } };
    };
    expect(run.passed).toBe(true);
    expect(run.version).toBe(1);
    expect(run.outcomes.length).toBeGreaterThan(5);
    expect(run.coverage.nodes.uncovered).toEqual([]);
    expect(run.coverage.edges.uncovered).toEqual([]);
  });

  it("runs posted simulations against a version, reporting the first mismatch", async () => {
    const simulations = [
      { name: "greets", turns: [{ user: "hello", expect: { reply: { contains: ["Hello"] } } }] },
      { name: "wrong", turns: [{ user: "hello", expect: { reply: { contains: ["Goodbye"] } } }] },
    ];
    const { status, body } = await api(server, "/api/flows/bench/simulations/run", {
      method: "POST",
      token: ADMIN_TOKEN,
      body: { version: 1, simulations },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      flowId: "bench",
      version: 1,
      passed: false,
      outcomes: [
        { simulation: "greets", passed: true },
        { simulation: "wrong", passed: false, firstMismatch: expect.stringContaining("Goodbye") },
      ],
    });
  });

  it("runs a posted flow document (the canvas's unsaved edits) instead of a saved one", async () => {
    const simulations = [
      { name: "greets", turns: [{ user: "hello", expect: { reply: { contains: ["Hello"] } } }] },
    ];
    const edited: Flow = {
      ...minimalFlow(),
      id: "bench",
      nodes: [{ id: "start", type: "reply", config: { text: "Goodbye!" } }],
      entry: "start",
      edges: [],
    };
    const run = (body: Record<string, unknown>) =>
      api(server, "/api/flows/bench/simulations/run", { method: "POST", token: ADMIN_TOKEN, body });
    const saved = await run({ version: 1, simulations });
    expect(saved.body).toMatchObject({ passed: true, unsaved: false });
    const onCanvas = await run({ flow: edited, simulations });
    expect(onCanvas.status).toBe(200);
    expect(onCanvas.body).toMatchObject({
      version: null,
      unsaved: true,
      passed: false,
      outcomes: [{ simulation: "greets", firstMismatch: expect.stringContaining("Hello") }],
    });
    // What is saved is untouched.
    expect((await run({ version: 1, simulations })).body).toMatchObject({ passed: true });
  });

  it("checks a posted document as a save is: its problems, and that it is this flow", async () => {
    const simulations = [{ name: "any", turns: [{ user: "hi" }] }];
    const run = (flow: unknown) =>
      api(server, "/api/flows/bench/simulations/run", {
        method: "POST",
        token: ADMIN_TOKEN,
        body: { flow, simulations },
      });
    const broken = await run({ ...minimalFlow(), id: "bench", entry: "nowhere" });
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ code: "invalid_flow", problems: [{ path: "/entry" }] });
    const other = await run({ ...minimalFlow(), id: "support" });
    expect(other.status).toBe(400);
    expect((other.body as { message: string }).message).toContain('"support", not "bench"');
  });

  it("refuses a posted document past the intent examples it may train on this thread", async () => {
    const flow = minimalFlow();
    const [greet] = flow.nodes;
    if (greet?.type !== "classify") throw new Error("the minimal flow starts with classify");
    greet.config.intents[0] = {
      name: "greet",
      description: "The user says hello.",
      examples: Array.from({ length: 3001 }, (_, i) => `hello number ${i}`),
    };
    const { status, body } = await api(server, "/api/flows/bench/simulations/run", {
      method: "POST",
      token: ADMIN_TOKEN,
      body: {
        flow: { ...flow, id: "bench" },
        simulations: [{ name: "any", turns: [{ user: "hi" }] }],
      },
    });
    expect(status).toBe(413);
    expect(body).toMatchObject({ code: "too_large" });
    expect((body as { message: string }).message).toContain("3003 intent examples");
  });

  it("answers 404 for a flow without a simulations file when none are posted", async () => {
    const { status, body } = await api(server, "/api/flows/bench/simulations/run", {
      method: "POST",
      token: ADMIN_TOKEN,
      body: { version: 1 },
    });
    expect(status).toBe(404);
    expect(body).toMatchObject({ code: "not_found" });
  });
});
