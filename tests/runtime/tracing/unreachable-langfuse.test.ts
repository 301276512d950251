import { afterAll, afterEach, beforeAll, describe, expect, it, spyOn } from "bun:test";
import type { TurnInput } from "@switchboard/engine";
import { createTracing, type Tracing, tracingOff } from "../../../runtime/src/tracing/tracing.ts";
import { type OpenAIStandIn, startOpenAIServer } from "../../stand-ins/openai-server.ts";
import { type OtlpReceiver, startOtlpReceiver } from "../../stand-ins/otlp-receiver.ts";
import { supportGraph, tracedChat, tracingEnv } from "./traced-support-chat.ts";

const INTENT = JSON.stringify({ intent: "question", confidence: 0.9 });
const QUESTIONS: TurnInput[] = [
  { kind: "user", text: "what time do you open on sunday?" },
  { kind: "user", text: "can I return a bike?" },
  { kind: "user", text: "do you ship to Denver?" },
];
const ANSWERS = [
  "We open at 11am on Sundays [hours].",
  "Yes, within 30 days [refunds].",
  "Yes, in 5-7 business days [shipping].",
];
/** The replies users see: the answers without their citation markers. */
const REPLIES = [
  "We open at 11am on Sundays.",
  "Yes, within 30 days.",
  "Yes, in 5-7 business days.",
];

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
  receiver.requests.length = 0;
  receiver.failWith(null);
});

/** Plays the three questions in a fresh chat and returns each turn's replies. */
async function converse(chatId: string): Promise<string[][]> {
  const chat = tracedChat(tracing, await supportGraph(server, { fallback: true }), { chatId });
  const replies: string[][] = [];
  for (const [index, question] of QUESTIONS.entries()) {
    server.script([INTENT, ANSWERS[index] as string]);
    const { result } = await chat(question);
    replies.push(result.replies.map((reply) => reply.text));
  }
  return replies;
}

async function closedPortUrl(): Promise<string> {
  const probe = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response() });
  const url = `http://127.0.0.1:${probe.port}`;
  await probe.stop(true);
  return url;
}

describe("when Langfuse is down or slow", () => {
  it("a dead endpoint changes no reply, and the failed exports are counted", async () => {
    tracing = tracingOff;
    const untraced = await converse("chat-untraced");
    const warn = spyOn(console, "warn").mockImplementation(() => {});
    try {
      // The exporter retries a refused connection until its timeout; keep that short here.
      const url = await closedPortUrl();
      tracing = await createTracing(
        tracingEnv(
          { env: { ...receiver.env, LANGFUSE_BASE_URL: url } },
          { LANGFUSE_TIMEOUT: "0.3" },
        ),
      );
      expect(await converse("chat-dead")).toEqual(untraced);
      await tracing.flush();
      const stats = await tracing.stats();
      expect(stats).toMatchObject({ enabled: true, exported: 0, dropped: 0 });
      expect(stats.enabled && stats.failed).toBeGreaterThan(0);
      const lines = warn.mock.calls.map((call) => String(call[0]));
      expect(lines.some((line) => line.startsWith("tracing: failed to send"))).toBe(true);
      expect(lines.join("\n")).not.toContain(receiver.env.LANGFUSE_SECRET_KEY);
    } finally {
      warn.mockRestore();
    }
  });

  it("turns complete while the export hangs", async () => {
    tracing = await createTracing(tracingEnv(receiver, { LANGFUSE_FLUSH_AT: "1" }));
    const release = receiver.hold();
    try {
      await converse("chat-first");
      // The first export request has arrived, and hangs.
      await receiver.waitFor(() => receiver.requests.length === 1);
      const replies = await converse("chat-hung");
      // Every turn answered although that request has not been answered yet.
      expect(replies).toEqual(REPLIES.map((reply) => [reply]));
      expect(receiver.requests.length).toBe(1);
      expect(await tracing.stats()).toMatchObject({ exported: 0 });
    } finally {
      release();
    }
    await tracing.flush();
    expect(receiver.spans.map((span) => span.name)).toContain("support");
  });

  it("a full buffer drops the oldest spans and counts the drops", async () => {
    tracing = await createTracing(
      tracingEnv(receiver, { LANGFUSE_FLUSH_AT: "1", LANGFUSE_MAX_QUEUE_SIZE: "4" }),
    );
    const warn = spyOn(console, "warn").mockImplementation(() => {});
    const release = receiver.hold();
    let chat: Awaited<ReturnType<typeof converse>>;
    try {
      chat = await converse("chat-overflow");
      const stats = await tracing.stats();
      expect(stats).toMatchObject({ buffered: 4 });
      expect(stats.enabled && stats.dropped).toBeGreaterThan(0);
      expect(warn.mock.calls.some((call) => String(call[0]).includes("dropped"))).toBe(true);
    } finally {
      release();
      warn.mockRestore();
    }
    expect(chat).toHaveLength(3);
    await tracing.flush();
    // The newest four (the last turn's end) are kept; one older span may have been in flight
    // when Langfuse hung, depending on when the worker sent it; every other span was dropped.
    expect(receiver.spans.slice(-4).map((span) => span.name)).toEqual([
      "classify",
      "ChatOpenAI",
      "faq",
      "support",
    ]);
    expect(receiver.spans.length).toBeLessThanOrEqual(5);
    const after = await tracing.stats();
    // Three turns of five spans each: a root, two nodes, a generation in each.
    expect(after.enabled && after.dropped + after.exported).toBe(15);
    const roots = receiver.spans.filter((span) => span.name === "support");
    expect(roots.map((root) => root.attributes["langfuse.observation.input"])).toEqual([
      "do you ship to Denver?",
    ]);
  });

  it("sends what is buffered on shutdown, and a hung endpoint can't hold the shutdown", async () => {
    tracing = await createTracing(tracingEnv(receiver, { LANGFUSE_FLUSH_INTERVAL: "60" }));
    await converse("chat-shutdown");
    expect(receiver.spans).toHaveLength(0);
    await tracing.shutdown();
    expect(receiver.spans.filter((span) => span.name === "support")).toHaveLength(3);

    tracing = await createTracing(
      tracingEnv(receiver, { LANGFUSE_FLUSH_INTERVAL: "60", LANGFUSE_TIMEOUT: "0.2" }),
    );
    await converse("chat-hung-shutdown");
    const release = receiver.hold();
    const warn = spyOn(console, "warn").mockImplementation(() => {});
    try {
      await tracing.shutdown();
      expect(await tracing.stats()).toMatchObject({ exported: 0, buffered: 0 });
    } finally {
      warn.mockRestore();
      release();
    }
  });
});
