import { afterAll, afterEach, beforeAll, describe, expect, it } from "bun:test";
import { MemorySaver } from "@langchain/langgraph";
import { compileGraph, loadFlowFile } from "@switchboard/engine";
import { traceIdOf } from "../../../runtime/src/tracing/trace-id-of.ts";
import { createTracing, type Tracing, tracingOff } from "../../../runtime/src/tracing/tracing.ts";
import { type OpenAIStandIn, startOpenAIServer } from "../../stand-ins/openai-server.ts";
import { type OtlpReceiver, startOtlpReceiver } from "../../stand-ins/otlp-receiver.ts";
import {
  jsonAttribute,
  MODEL_API_KEY,
  type SpanNode,
  supportGraph,
  tracedChat,
  traceTree,
  tracingEnv,
  typeOf,
} from "./traced-support-chat.ts";

const INTENT = (name: string) => JSON.stringify({ intent: name, confidence: 0.93 });

let receiver: OtlpReceiver;
let server: OpenAIStandIn;
let tracing: Tracing;

beforeAll(() => {
  receiver = startOtlpReceiver();
  server = startOpenAIServer();
});

afterAll(async () => {
  await Promise.all([receiver.stop(), server.stop()]);
});

afterEach(async () => {
  await tracing.shutdown();
  receiver.spans.length = 0;
  receiver.scores.length = 0;
});

/** Sends what the tracer holds; the receiver has it once the export has been answered. */
function collected(): Promise<void> {
  return tracing.flush();
}

function names(nodes: SpanNode[]): string[] {
  return nodes.map((node) => node.name);
}

describe("tracing a support conversation", () => {
  it("sends one trace per turn, named after the flow, in the chat's session", async () => {
    tracing = await createTracing(tracingEnv(receiver));
    const chat = tracedChat(tracing, await supportGraph(server, { fallback: true }), {
      chatId: "chat-hours",
    });
    server.script([INTENT("question"), "On Sundays we open at 11am [hours]."]);
    const first = await chat({ kind: "user", text: "what time do you open on sunday?" });
    server.script([INTENT("human")]);
    const second = await chat({ kind: "user", text: "can I talk to a real person please" });
    const third = await chat({ kind: "agent", text: "Hi, Sam from Voltra here. How can I help?" });
    const fourth = await chat({ kind: "handback" });
    await collected();

    const traces = [first, second, third, fourth].map(({ trace }) => trace.traceId as string);
    expect(traces[0]).toBe(traceIdOf("chat-hours-turn-1"));
    expect(new Set(traces).size).toBe(4);
    const roots = traces.map((id) => traceTree(receiver.spans, id));
    for (const root of roots) {
      expect(root.name).toBe("support");
      expect(root.attributes["langfuse.trace.name"]).toBe("support");
      expect(root.attributes["session.id"]).toBe("chat-hours");
      expect(root.attributes["user.id"]).toBe("user-7");
      expect(root.attributes["langfuse.trace.tags"]).toEqual([
        "channel:web",
        "flow:support",
        "env:default",
      ]);
      expect(root.attributes["langfuse.trace.metadata.channel"]).toBe("web");
      expect(root.attributes["langfuse.trace.metadata.flowId"]).toBe("support");
      expect(root.attributes["langfuse.trace.metadata.flowVersion"]).toBe("3");
      expect(root.attributes["langfuse.trace.metadata.environment"]).toBe("default");
      expect(root.attributes["langfuse.environment"]).toBe("default");
      expect(root.scope).toBe("langfuse-sdk");
      expect(root.resource["service.name"]).toBe("switchboard");
    }
    const [hours, human, agent, handback] = roots as [SpanNode, SpanNode, SpanNode, SpanNode];
    expect(hours.attributes["langfuse.observation.input"]).toBe("what time do you open on sunday?");
    // The reply, without the model's citation marker.
    expect(hours.attributes["langfuse.observation.output"]).toBe("On Sundays we open at 11am.");
    expect(jsonAttribute(agent, "langfuse.observation.input")).toEqual({
      author: "agent",
      text: "Hi, Sam from Voltra here. How can I help?",
    });
    expect(jsonAttribute(handback, "langfuse.observation.input")).toEqual({ action: "handback" });
    expect(jsonAttribute(handback, "langfuse.observation.metadata.visited")).toEqual(
      fourth.result.visited,
    );
    // The escalate node opens the handoff, then runs again to wait for the human agent.
    expect(names(human.children)).toEqual(["classify", "escalate", "escalate"]);
    const [, opening, waiting] = human.children as [SpanNode, SpanNode, SpanNode];
    expect(waiting.attributes["langfuse.observation.metadata.paused"]).toBe("true");
    // The session holds the handoff and the human's reply, each under the node that made it.
    const [handoff] = opening.children as [SpanNode];
    expect(handoff.name).toBe("handoff open");
    expect(typeOf(handoff)).toBe("event");
    expect(jsonAttribute(handoff, "langfuse.observation.input")).toMatchObject({
      queue: "support",
    });
    const reply = agent.children[0]?.children.find((child) => child.name === "human reply");
    if (!reply) throw new Error("the human's reply was not traced");
    expect(typeOf(reply)).toBe("event");
    expect(reply.attributes["langfuse.observation.output"]).toBe(
      "Hi, Sam from Voltra here. How can I help?",
    );
    expect(names(handback.children)).toContain("welcome_back");
  });

  it("nests a span per node in order, with the state it started from and what it changed", async () => {
    tracing = await createTracing(tracingEnv(receiver));
    const chat = tracedChat(tracing, await supportGraph(server, { fallback: true }), {
      chatId: "chat-nodes",
    });
    server.script([INTENT("question"), "Returns are accepted within 30 days [refunds]."]);
    const { trace } = await chat({ kind: "user", text: "Can I send a bike back?" });
    await collected();

    const root = traceTree(receiver.spans, trace.traceId as string);
    expect(names(root.children)).toEqual(["classify", "faq"]);
    const [classify, faq] = root.children as [SpanNode, SpanNode];
    expect(typeOf(classify)).toBe("span");
    expect(jsonAttribute(classify, "langfuse.observation.input")).toEqual({
      vars: {},
      intent: null,
    });
    expect(jsonAttribute(classify, "langfuse.observation.output")).toEqual({
      intent: { name: "question", confidence: 0.93 },
    });
    expect(classify.attributes["langfuse.observation.metadata.nodeType"]).toBe("classify");
    expect(classify.attributes["langfuse.observation.metadata.route"]).toBe("question");
    expect(jsonAttribute(faq, "langfuse.observation.input")).toMatchObject({
      intent: { name: "question" },
    });
    expect(jsonAttribute(faq, "langfuse.observation.output")).toMatchObject({
      replies: [
        { nodeId: "faq", text: "Returns are accepted within 30 days.", citations: ["refunds"] },
      ],
    });
    expect(classify.endTimeUnixNano <= faq.startTimeUnixNano).toBe(true);
  });

  it("traces each chat model call as a generation with model, parameters, prompt, completion and usage", async () => {
    tracing = await createTracing(tracingEnv(receiver));
    const chat = tracedChat(tracing, await supportGraph(server, { fallback: true }), {
      chatId: "chat-generations",
    });
    server.script([INTENT("question"), "We open at 11am on Sundays [hours]."]);
    const { trace } = await chat({ kind: "user", text: "Are you open on Sunday?" });
    await collected();

    const root = traceTree(receiver.spans, trace.traceId as string);
    const [classify, faq] = root.children as [SpanNode, SpanNode];
    const [intent] = classify.children as [SpanNode];
    const [answer] = faq.children as [SpanNode];
    for (const generation of [intent, answer]) {
      expect(typeOf(generation)).toBe("generation");
      expect(generation.attributes["langfuse.observation.model.name"]).toBe(server.model);
      const usage = jsonAttribute(generation, "langfuse.observation.usage_details") as Record<
        string,
        number
      >;
      expect(usage.input).toBeGreaterThan(0);
      expect(usage.output).toBeGreaterThan(0);
      expect(usage.total).toBe((usage.input ?? 0) + (usage.output ?? 0));
      expect(generation.endTimeUnixNano > generation.startTimeUnixNano).toBe(true);
      // Generations carry the turn's session like every other observation.
      expect(generation.attributes["session.id"]).toBe("chat-generations");
      // The model's metadata, not LangGraph's bookkeeping: the node's span says where it ran.
      const metadata = Object.keys(generation.attributes).filter((key) =>
        key.startsWith("langfuse.observation.metadata."),
      );
      expect(metadata).toContain("langfuse.observation.metadata.ls_provider");
      expect(metadata.filter((key) => /langgraph_|checkpoint_ns|thread_id/.test(key))).toEqual([]);
    }
    expect(jsonAttribute(intent, "langfuse.observation.model.parameters")).toEqual({
      temperature: 0,
    });
    const prompt = jsonAttribute(intent, "langfuse.observation.input") as {
      role: string;
      content: string;
    }[];
    expect(prompt.at(-1)).toEqual({ role: "user", content: "Are you open on Sunday?" });
    expect(jsonAttribute(answer, "langfuse.observation.output")).toEqual({
      role: "assistant",
      content: "We open at 11am on Sundays [hours].",
    });
  });

  it("shows retries and the fallback model, and marks the failed attempts as errors with their cause", async () => {
    tracing = await createTracing(tracingEnv(receiver));
    const chat = tracedChat(tracing, await supportGraph(server, { fallback: true }), {
      chatId: "chat-retries",
    });
    const cause = `upstream refused key ${MODEL_API_KEY}`;
    server.fail({ kind: "status", status: 503, message: cause }, { kind: "status", status: 503 });
    server.script(["We open at 11am on Sundays [hours]."]);
    const { result, trace } = await chat({
      kind: "user",
      text: "what time do you open on sunday?",
    });
    await collected();

    expect(result.replies.map((reply) => reply.text)).toEqual(["We open at 11am on Sundays."]);
    const root = traceTree(receiver.spans, trace.traceId as string);
    const classify = root.children[0] as SpanNode;
    expect(names(classify.children)).toEqual(["ChatOpenAI", "ChatOpenAI", "local"]);
    const [first, second, local] = classify.children as [SpanNode, SpanNode, SpanNode];
    for (const attempt of [first, second]) {
      expect(attempt.attributes["langfuse.observation.level"]).toBe("ERROR");
      expect(String(attempt.attributes["langfuse.observation.status_message"])).toContain("503");
    }
    expect(String(first.attributes["langfuse.observation.status_message"])).toContain(
      "upstream refused key [redacted]",
    );
    expect(local.attributes["langfuse.observation.model.name"]).toBe("local");
    expect(local.attributes["langfuse.observation.level"]).toBeUndefined();
    const calls = jsonAttribute(classify, "langfuse.observation.metadata.modelCalls") as {
      provider: string;
      attempt?: number;
      error?: string;
    }[];
    expect(calls.map((call) => [call.provider, call.attempt, Boolean(call.error)])).toEqual([
      ["openai", 1, true],
      ["openai", 2, true],
      ["local", undefined, false],
    ]);
    // The key the failing answer echoed never leaves the server.
    expect(JSON.stringify(receiver.spans.map((span) => span.attributes))).not.toContain(
      MODEL_API_KEY,
    );
  });

  it("marks a node whose models all failed as an error, with the cause", async () => {
    tracing = await createTracing(tracingEnv(receiver));
    const chat = tracedChat(tracing, await supportGraph(server, { fallback: false }), {
      chatId: "chat-failure",
    });
    server.fail({ kind: "status", status: 500 }, { kind: "status", status: 500 });
    const { result, trace } = await chat({
      kind: "user",
      text: "what time do you open on sunday?",
    });
    await collected();

    expect(result.errors.map((error) => error.code)).toEqual(["model_failed"]);
    const root = traceTree(receiver.spans, trace.traceId as string);
    const classify = root.children[0] as SpanNode;
    expect(classify.attributes["langfuse.observation.level"]).toBe("ERROR");
    const message = String(classify.attributes["langfuse.observation.status_message"]);
    expect(message).toStartWith("model_failed: Every model failed for node 'classify'");
    expect(message).toContain("500");
    expect(classify.status.code).toBe(2);
    // The conversation went on with the flow's fallback reply.
    expect(root.attributes["langfuse.observation.level"]).toBe("WARNING");
    expect(root.attributes["langfuse.observation.output"]).toBe(result.replies[0]?.text);
  });
});

describe("tracing a flow on the embedded model", () => {
  it("traces each local model call as a generation", async () => {
    tracing = await createTracing(tracingEnv(receiver));
    const loaded = await loadFlowFile("flows/support.flow.json");
    const graph = compileGraph(loaded.flow, {
      checkpointer: new MemorySaver(),
      knowledge: loaded.knowledge,
    });
    const chat = tracedChat(tracing, graph, { chatId: "chat-local" });
    const { result, trace } = await chat({
      kind: "user",
      text: "what time do you open on sunday?",
    });
    await collected();

    const root = traceTree(receiver.spans, trace.traceId as string);
    expect(names(root.children)).toEqual(result.visited);
    const [generation] = (root.children[0] as SpanNode).children as [SpanNode];
    expect(typeOf(generation)).toBe("generation");
    expect(generation.name).toBe("default");
    expect(generation.attributes["langfuse.observation.model.name"]).toBe("local");
  });
});

describe("feedback", () => {
  it("becomes a score on the trace of the turn it names", async () => {
    tracing = await createTracing(tracingEnv(receiver, { LANGFUSE_MASK: "emails" }));
    const chat = tracedChat(tracing, await supportGraph(server, { fallback: true }), {
      chatId: "chat-feedback",
    });
    server.script([INTENT("question"), "We open at 11am on Sundays [hours]."]);
    const { trace } = await chat({ kind: "user", text: "Sunday hours?" });
    tracing.scoreTurn("chat-feedback-turn-1", {
      value: 1,
      comment: "Quick answer! Write to ana@example.com",
    });
    tracing.scoreTurn("chat-feedback-turn-1", { value: -1 });
    await tracing.flush();
    await receiver.waitFor(() => receiver.scores.length === 2);

    expect(receiver.scores).toMatchObject([
      {
        traceId: trace.traceId as string,
        name: "user_feedback",
        value: 1,
        dataType: "NUMERIC",
        comment: "Quick answer! Write to [email]",
      },
      { traceId: trace.traceId as string, name: "user_feedback", value: -1 },
    ]);
    expect(tracing.traceUrl("chat-feedback-turn-1")).toBe(trace.url);
    expect(trace.url).toBe(`${receiver.url}/trace/${trace.traceId}`);
  });
});

describe("redaction", () => {
  it("masks emails and phone numbers, and keeps a masked user id a stable pseudonym", async () => {
    tracing = await createTracing(tracingEnv(receiver, { LANGFUSE_MASK: "emails,phones" }));
    const chat = tracedChat(tracing, await supportGraph(server, { fallback: true }), {
      chatId: "chat-masked",
      userId: "+49 151 23456789",
      channel: "whatsapp",
    });
    server.script([
      INTENT("question"),
      "Yes, write to help@voltra.example or call +1 503 555 0142.",
    ]);
    await chat({
      kind: "user",
      text: "I'm ana@example.com, +1 (503) 555-0199: open on 2026-12-24?",
    });
    await collected();

    const everything = JSON.stringify(receiver.spans.map((span) => span.attributes));
    for (const personal of ["ana@example.com", "555-0199", "help@voltra.example", "555 0142"])
      expect(everything).not.toContain(personal);
    expect(everything).not.toContain("23456789");
    const root = receiver.spans.find((span) => span.name === "support");
    expect(root?.attributes["langfuse.observation.input"]).toBe(
      "I'm [email], [phone]: open on 2026-12-24?",
    );
    expect(root?.attributes["user.id"]).toMatch(/^phone-[0-9a-f]{12}$/);
    expect(new Set(receiver.spans.map((span) => span.attributes["user.id"])).size).toBe(1);
  });
});

describe("tracing off", () => {
  it("creates nothing when Langfuse is not configured", async () => {
    tracing = await createTracing({ OPENAI_API_KEY: "sk-not-langfuse" });
    expect(tracing).toBe(tracingOff);
    const trace = tracing.startTurn({
      turnId: "t",
      flowId: "support",
      flowVersion: 1,
      chatId: "c",
      userId: "u",
      channel: "web",
      input: { kind: "user", text: "hi" },
    });
    expect(trace.traceId).toBeNull();
    expect(tracing.traceUrl("t")).toBeNull();
    expect(await tracing.stats()).toEqual({ enabled: false });
  });
});
