import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadServerConfig } from "../../../runtime/src/config/server-config.ts";
import { createChat } from "../../../runtime/src/conversations/chats.repository.ts";
import { listRuns } from "../../../runtime/src/conversations/runs.repository.ts";
import { type RunningServer, startServer } from "../../../runtime/src/server.ts";
import { traceIdOf } from "../../../runtime/src/tracing/trace-id-of.ts";
import { type OtlpReceiver, startOtlpReceiver } from "../../stand-ins/otlp-receiver.ts";
import {
  as,
  type ChatClient,
  CLIENT_TOKEN,
  connectChat,
  FLOWS_DIR,
} from "../server/test-server.ts";
import { openHandoffOf, staffActor } from "../staff-actor.ts";
import { jsonAttribute, type SpanNode, traceTree, tracingEnv } from "./traced-support-chat.ts";

let receiver: OtlpReceiver;
let server: RunningServer;
let client: ChatClient;
let dataDir: string;

beforeAll(async () => {
  receiver = startOtlpReceiver();
  dataDir = await mkdtemp(join(tmpdir(), "switchboard-traced-"));
  const config = await loadServerConfig(
    {
      ADMIN_TOKEN: "test-admin-token-0123456789",
      CLIENT_TOKEN,
      RATE_LIMIT_PER_MINUTE: "1000",
      FLOWS_DIR,
      CONFIG_FILE: "",
      DATA_DIR: dataDir,
      HOST: "127.0.0.1",
    },
    { port: 0 },
  );
  // A long flush interval: what arrives before the shutdown was sent by the feedback's flush.
  server = await startServer(config, {
    env: { ...tracingEnv(receiver), LANGFUSE_FLUSH_INTERVAL: "60", MODELS_FILE: "" },
    announce: () => {},
  });
  client = await connectChat(`${server.url.replace("http", "ws")}/ws/chat/completions`);
});

afterAll(async () => {
  client.close();
  await server.stop();
  await receiver.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("the runtime, traced", () => {
  let chatId = "";
  let firstTurn = "";

  it("traces the turns the chat service runs, in the chat's session, and links each run", async () => {
    const events = await client.turn({ user_id: "ana", question: "when do you open on sunday?" });
    const start = as(events[0], "start");
    chatId = start.chat_id;
    firstTurn = start.message_id;
    const ready = await fetch(`${server.url}/ready`).then((response) => response.json());
    expect(ready.tracing).toMatchObject({ enabled: true, dropped: 0, failed: 0 });

    const [run] = await listRuns(server.services.database.db, chatId);
    expect(run?.traceUrl).toBe(`${receiver.url}/trace/${traceIdOf(firstTurn)}`);
  });

  it("scores a turn from a WebSocket feedback message", async () => {
    client.send({
      type: "feedback",
      message_id: firstTurn,
      user_id: "ana",
      score: 1,
      comment: "spot on",
    });
    client.send({ type: "feedback", message_id: firstTurn, user_id: "ana", score: "great" });
    const error = as(await client.next("error"), "error");
    expect(error.code).toBe("invalid_request");
    expect(error.message).toContain("score");
    await server.services.tracing.flush();
    expect(receiver.scores).toMatchObject([
      { traceId: traceIdOf(firstTurn), name: "user_feedback", value: 1, comment: "spot on" },
    ]);
    // Stored too, for analytics.
    const stored = await server.services.database.db.selectFrom("feedback").selectAll().execute();
    expect(stored).toMatchObject([{ messageId: firstTurn, chatId, score: 1, comment: "spot on" }]);
  });

  it("traces a human agent's reply in the same session", async () => {
    await client.turn({ user_id: "ana", chat_id: chatId, question: "I want to talk to a person" });
    await server.services.handoffs.reply(
      staffActor("sam"),
      await openHandoffOf(server.services, chatId),
      "Hi Ana, Sam here.",
    );
    await server.services.tracing.flush();
    const reply = receiver.spans.find((span) => span.name === "human reply");
    expect(reply?.attributes["session.id"]).toBe(chatId);
    expect(reply?.attributes["user.id"]).toBe("ana");
    expect(reply?.attributes["langfuse.observation.output"]).toBe("Hi Ana, Sam here.");
    const runs = await listRuns(server.services.database.db, chatId);
    expect(runs.every((run) => run.traceUrl?.startsWith(`${receiver.url}/trace/`))).toBe(true);
    // The latest first: the agent's reply (no user's turn), the handoff, the first question.
    expect(runs.map(({ outcome, intent }) => ({ outcome, intent }))).toEqual([
      { outcome: null, intent: null },
      { outcome: "handoff", intent: "human" },
      { outcome: "answered", intent: "question" },
    ]);
    expect(runs[2]?.messageId).toBe(firstTurn);
  });

  it("tags a turn with its chat's channel", async () => {
    const chat = await createChat(server.services.database.db, {
      userId: "+15035550100",
      channel: "whatsapp",
    });
    await server.services.chats.sendMessage(
      {
        userId: "+15035550100",
        channel: "whatsapp",
        chatId: chat.id,
        text: "do you sell helmets?",
      },
      () => {},
    );
    await server.services.tracing.flush();
    const root = receiver.spans.find(
      (span) => span.name === "support" && span.attributes["session.id"] === chat.id,
    );
    expect(root?.attributes["langfuse.trace.tags"]).toContain("channel:whatsapp");
    expect(root?.attributes["langfuse.trace.metadata.channel"]).toBe("whatsapp");
  });

  it("sends the spans still buffered when the server shuts down", async () => {
    await client.turn({ user_id: "ana", question: "do you ship to Denver?" });
    const before = receiver.spans.length;
    await server.stop();
    expect(receiver.spans.length).toBeGreaterThan(before);
    const root = traceTree(receiver.spans, traceIdOf(firstTurn)) as SpanNode;
    expect(root.name).toBe("support");
    expect(root.attributes["session.id"]).toBe(chatId);
    expect(root.attributes["user.id"]).toBe("ana");
    expect(root.attributes["langfuse.trace.tags"]).toContain("channel:web");
    expect(root.children.map((node) => node.name)).toEqual(["classify", "faq"]);
    expect(jsonAttribute(root, "langfuse.observation.metadata.visited")).toEqual([
      "classify",
      "faq",
    ]);
  });
});
