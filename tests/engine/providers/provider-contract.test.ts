import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import { MemorySaver } from "@langchain/langgraph";
import {
  compileGraph,
  createModelRegistry,
  type Flow,
  type ModelCatalog,
  runTurn,
  type TurnEvent,
  validateFlow,
} from "@switchboard/engine";
import type { StandIn } from "../../stand-ins/stand-in.ts";
import { catalogFor, harnesses, useFakeAwsCredentials } from "./provider-harness.ts";

// The same cases for every provider, each through its real LangChain client against a local
// server speaking the provider's wire format.

function flowOf(document: { entry: string; nodes: unknown[]; edges: unknown[] }): Flow {
  const result = validateFlow({
    id: "contract",
    name: "Contract",
    version: 1,
    models: ["default"],
    ...document,
  });
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  return result.flow;
}

const answerFlow = flowOf({
  entry: "answer",
  nodes: [
    {
      id: "answer",
      type: "llm",
      config: {
        system: "You are the Voltra Bikes assistant.",
        prompt: "Answer: {{last_message}}",
        fallback: "The assistant is offline.",
        temperature: 0.7,
        maxTokens: 64,
      },
    },
    { id: "sorry", type: "reply", config: { text: "Sorry, try again later." } },
  ],
  edges: [{ source: "answer", target: "sorry", branch: "error" }],
});

const classifyFlow = flowOf({
  entry: "route",
  nodes: [
    {
      id: "route",
      type: "classify",
      config: {
        intents: [
          { name: "hours", description: "Opening hours", examples: ["when do you open"] },
          { name: "human", description: "Talk to a person", examples: ["talk to a human"] },
        ],
      },
    },
    { id: "hours", type: "reply", config: { text: "We open at 9am." } },
    { id: "human", type: "reply", config: { text: "Connecting you." } },
    { id: "other", type: "reply", config: { text: "Could you rephrase?" } },
  ],
  edges: [
    { source: "route", target: "hours", branch: "hours" },
    { source: "route", target: "human", branch: "human" },
    { source: "route", target: "other", branch: "fallback" },
  ],
});

const salesFlow = flowOf({
  entry: "qualify",
  nodes: [
    {
      id: "qualify",
      type: "sales",
      config: {
        qualify: { when: "fleet >= 5" },
        slots: [
          { name: "email", kind: "email", ask: "Your email?" },
          { name: "fleet", kind: "number", ask: "How many bikes?", min: 1 },
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

let threads = 0;

async function turn(
  flow: Flow,
  catalog: ModelCatalog,
  env: Record<string, string | undefined>,
  text: string,
) {
  const graph = compileGraph(flow, {
    checkpointer: new MemorySaver(),
    models: createModelRegistry(catalog, { env }),
  });
  const events: TurnEvent[] = [];
  const result = await runTurn(
    graph,
    `contract-${++threads}`,
    { kind: "user", text },
    { onEvent: (e) => events.push(e) },
  );
  const tokens = events.flatMap((e) => (e.type === "token" ? [e.delta] : []));
  return { result, events, tokens };
}

let restoreAws: () => void;
beforeAll(() => {
  restoreAws = useFakeAwsCredentials();
});
afterAll(() => restoreAws());

for (const harness of harnesses) {
  describe(`the ${harness.provider} provider`, () => {
    let server: StandIn;
    beforeAll(() => {
      server = harness.start();
    });
    afterAll(() => server.stop());
    const since = () => {
      const start = server.requests.length;
      return () => server.requests.slice(start);
    };

    it("streams an llm node's tokens to the caller as they are produced", async () => {
      let release = () => {};
      const firstTokenSeen = new Promise<void>((resolve) => {
        release = resolve;
      });
      // The server sends one token, then waits until the caller has it: only live streaming passes.
      server.fail({ kind: "hold", until: firstTokenSeen });
      server.script(["Our shop opens at nine on weekdays."]);
      const graph = compileGraph(answerFlow, {
        checkpointer: new MemorySaver(),
        models: createModelRegistry(catalogFor(harness, server), { env: harness.env }),
      });
      const tokens: string[] = [];
      const result = await runTurn(
        graph,
        `stream-${harness.provider}`,
        { kind: "user", text: "hours?" },
        {
          onEvent: (event) => {
            if (event.type !== "token") return;
            tokens.push(event.delta);
            release();
          },
        },
      );
      expect(tokens.length).toBeGreaterThan(1);
      expect(tokens.join("")).toBe("Our shop opens at nine on weekdays.");
      expect(result.replies.map((r) => r.text)).toEqual(["Our shop opens at nine on weekdays."]);
      expect(server.requests.at(-1)?.stream).toBe(true);
    });

    it("records each call's token usage, latency and time to first token", async () => {
      server.script(["Nine to six."]);
      const { result } = await turn(answerFlow, catalogFor(harness, server), harness.env, "hours?");
      const [call] = result.calls;
      expect(result.calls).toHaveLength(1);
      expect(call).toMatchObject({
        nodeId: "answer",
        model: "default",
        provider: harness.provider,
        attempt: 1,
      });
      expect(call?.error).toBeUndefined();
      expect(call?.inputTokens).toBeGreaterThan(0);
      expect(call?.outputTokens).toBe(3);
      expect(call?.latencyMs).toBeGreaterThan(0);
      expect(call?.firstTokenMs).toBeGreaterThan(0);
      expect(call?.firstTokenMs).toBeLessThanOrEqual(call?.latencyMs ?? 0);
    });

    it("sends the node's temperature, answer length, system prompt and rendered prompt", async () => {
      const requests = since();
      server.script(["Sure."]);
      await turn(answerFlow, catalogFor(harness, server), harness.env, "do you rent bikes?");
      const [request] = requests();
      expect(request?.temperature).toBe(0.7);
      expect(request?.maxTokens).toBe(64);
      expect(request?.messages[0]).toEqual({
        role: "system",
        text: "You are the Voltra Bikes assistant.",
      });
      expect(request?.messages.at(-1)).toEqual({
        role: "user",
        text: "Answer: do you rent bikes?",
      });
    });

    it("retries 429 and 5xx with backoff, recording every attempt, then answers", async () => {
      const requests = since();
      server.fail({ kind: "status", status: 429 }, { kind: "status", status: 503 });
      server.script(["Third time lucky."]);
      const { result } = await turn(answerFlow, catalogFor(harness, server), harness.env, "hello");
      expect(requests()).toHaveLength(3);
      expect(result.calls.map((c) => [c.attempt, c.status ?? null, c.error === undefined])).toEqual(
        [
          [1, 429, false],
          [2, 503, false],
          [3, null, true],
        ],
      );
      expect(result.replies.map((r) => r.text)).toEqual(["Third time lucky."]);
    });

    it("does not retry another 4xx but moves on to the next model in the chain", async () => {
      const requests = since();
      server.fail({ kind: "status", status: 400, message: "messages.1 is empty" });
      const { result } = await turn(
        answerFlow,
        catalogFor(harness, server, { fallbacks: ["local"] }),
        harness.env,
        "hello",
      );
      expect(requests()).toHaveLength(1);
      expect(result.calls.map((c) => [c.provider, c.status ?? null])).toEqual([
        [harness.provider, 400],
        ["local", null],
      ]);
      expect(result.calls[0]?.error).toContain("messages.1 is empty");
      expect(result.replies.map((r) => r.text)).toEqual(["The assistant is offline."]);
    });

    it("gives up on an attempt at its timeout and retries", async () => {
      server.fail({ kind: "latency", ms: 1000 });
      server.script(["Quick this time."]);
      const { result } = await turn(
        answerFlow,
        catalogFor(harness, server, { timeoutMs: 150 }),
        harness.env,
        "hello",
      );
      expect(result.calls[0]).toMatchObject({ attempt: 1, error: "no answer within 150 ms" });
      expect(result.calls[1]).toMatchObject({ attempt: 2 });
      expect(result.replies.map((r) => r.text)).toEqual(["Quick this time."]);
    });

    it("retries a connection dropped mid-answer, and the reply is the whole answer", async () => {
      server.fail({ kind: "drop" });
      server.script(["Lost the first time.", "We deliver in three days."]);
      const { result } = await turn(
        answerFlow,
        catalogFor(harness, server),
        harness.env,
        "delivery?",
      );
      expect(result.calls).toHaveLength(2);
      expect(result.calls[0]?.error).toBeDefined();
      expect(result.replies.map((r) => r.text)).toEqual(["We deliver in three days."]);
    });

    it("retries a refused connection, then falls back to the local model", async () => {
      const { result } = await turn(
        answerFlow,
        catalogFor(harness, server, { unreachable: true, maxAttempts: 2, fallbacks: ["local"] }),
        harness.env,
        "hello",
      );
      expect(
        result.calls.map((c) => [c.provider, c.attempt ?? null, c.error !== undefined]),
      ).toEqual([
        [harness.provider, 1, true],
        [harness.provider, 2, true],
        ["local", null, false],
      ]);
      expect(result.replies.map((r) => r.text)).toEqual(["The assistant is offline."]);
    });

    it("does not retry a malformed answer stream but falls back", async () => {
      const requests = since();
      server.fail({ kind: "malformed" });
      server.script(["This never arrives whole."]);
      const { result } = await turn(
        answerFlow,
        catalogFor(harness, server, { fallbacks: ["local"] }),
        harness.env,
        "hello",
      );
      expect(requests()).toHaveLength(1);
      expect(result.calls[0]?.error).toBeDefined();
      expect(result.calls[1]?.provider).toBe("local");
      expect(result.status).toBe("ended");
    });

    it("takes the node's error branch when every model fails, recording the cause", async () => {
      server.fail({ kind: "status", status: 500 }, { kind: "status", status: 500 });
      const { result } = await turn(
        answerFlow,
        catalogFor(harness, server, { maxAttempts: 2 }),
        harness.env,
        "hello",
      );
      expect(result.visited).toEqual(["answer", "sorry"]);
      expect(result.replies.map((r) => r.text)).toEqual(["Sorry, try again later."]);
      expect(result.errors[0]?.code).toBe("model_failed");
      expect(result.errors[0]?.message).toContain("default:");
      expect(result.calls.map((c) => c.status)).toEqual([500, 500]);
    });

    it("classifies with a JSON answer asked for through the API, at temperature 0", async () => {
      const requests = since();
      server.script(['{"intent": "hours", "confidence": 0.92}']);
      const { result } = await turn(
        classifyFlow,
        catalogFor(harness, server),
        harness.env,
        "opening times?",
      );
      expect(result.visited).toEqual(["route", "hours"]);
      expect(result.intent).toEqual({ name: "hours", confidence: 0.92 });
      const [request] = requests();
      expect(request?.structured).toBe(true);
      expect(request?.temperature).toBe(0);
      const schema = harness.answerSchema(request?.body ?? {});
      expect(schema).toMatchObject({
        properties: { intent: { enum: ["hours", "human", "none"] } },
      });
    });

    it("takes the fallback branch on a malformed classification instead of failing", async () => {
      server.script(["It is about opening hours, I think"]);
      const { result } = await turn(classifyFlow, catalogFor(harness, server), harness.env, "hmm");
      expect(result.visited).toEqual(["route", "other"]);
      expect(result.errors).toEqual([]);
      expect(result.calls[0]?.error).toBeUndefined();
    });

    it("extracts sales slots from a JSON answer and validates them", async () => {
      server.script(['{"email": "ana@acme.io", "fleet": "12"}']);
      const { result } = await turn(
        salesFlow,
        catalogFor(harness, server),
        harness.env,
        "ana@acme.io, 12 bikes",
      );
      expect(result.vars.lead).toEqual({ email: "ana@acme.io", fleet: 12, qualified: true });
      expect(result.replies.map((r) => r.text)).toEqual(["Thanks, ana@acme.io!"]);
    });

    it("leaves the oldest history out when the prompt would overflow the model's context", async () => {
      const catalog = catalogFor(harness, server, { contextTokens: 300 });
      const graph = compileGraph(answerFlow, {
        checkpointer: new MemorySaver(),
        models: createModelRegistry(catalog, { env: harness.env }),
      });
      const requests = since();
      const long = "tell me everything about the frame, the motor and the battery ".repeat(4);
      for (let i = 0; i < 4; i++) {
        server.script([`Answer ${i}.`]);
        await runTurn(graph, `context-${harness.provider}`, {
          kind: "user",
          text: `${i}: ${long}`,
        });
      }
      const last = requests().at(-1);
      const chars = last?.messages.reduce((n, m) => n + m.text.length, 0) ?? 0;
      // 300 tokens less the node's 64 for the answer, at about 4 characters a token.
      expect(chars).toBeLessThan(236 * 4);
      expect(last?.messages[0]?.role).toBe("system");
      expect(last?.messages.at(-1)?.text).toStartWith("Answer: 3: ");
      expect(last?.messages.some((m) => m.text.startsWith("0: "))).toBe(false);
    });
  });
}
