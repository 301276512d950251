import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import {
  ADMIN_TOKEN,
  api,
  as,
  type ChatClient,
  connectChat,
  startTestServer,
  type TestServer,
} from "../server/test-server.ts";

let server: TestServer;
let client: ChatClient;

beforeAll(async () => {
  server = await startTestServer();
  client = await connectChat(server.wsUrl);
});

afterAll(async () => {
  client.close();
  await server.stop();
});

const admin = (path: string, method = "GET", body?: unknown) =>
  api(server, path, { method, token: ADMIN_TOKEN, body });

interface OpenHandoff {
  id: string;
  chatId: string;
  status: string;
}

/** Starts a chat that asks for a person; returns its id and its handoff. */
async function escalate(userId: string): Promise<{ chatId: string; handoff: OpenHandoff }> {
  const events = await client.turn({ user_id: userId, question: "Can I talk to a real person?" });
  const chatId = as(events[0], "start").chat_id;
  const { body } = await admin("/api/handoffs");
  const handoff = (body as OpenHandoff[]).find((open) => open.chatId === chatId);
  if (!handoff) throw new Error(`no open handoff for chat ${chatId}`);
  return { chatId, handoff };
}

describe("the run history", () => {
  it("lists a chat's turns, latest first, with their nodes, timings and model calls", async () => {
    const first = await client.turn({ user_id: "runs", question: "when do you open on sunday?" });
    const chatId = as(first[0], "start").chat_id;
    await client.turn({ user_id: "runs", question: "and on monday?", chat_id: chatId });

    const { status, body } = await admin(`/api/chats/${chatId}/runs`);
    expect(status).toBe(200);
    const runs = body as {
      status: string;
      flowId: string;
      durationMs: number;
      nodes: { nodeId: string; durationMs: number }[];
      modelCalls: { nodeId: string }[];
    }[];
    expect(runs).toHaveLength(2);
    expect(runs[0]).toMatchObject({ flowId: "support", status: "interrupted" });
    expect(runs[1]?.nodes.map((node) => node.nodeId)).toEqual(["classify", "faq"]);
    expect(runs[1]?.nodes.every((node) => node.durationMs >= 0)).toBe(true);
    expect(runs[1]?.modelCalls.map((call) => call.nodeId)).toContain("classify");

    const page = await admin(`/api/chats/${chatId}/runs?limit=1`);
    expect(page.body).toHaveLength(1);
  });

  it("answers 404 for a chat that does not exist", async () => {
    const { status, body } = await admin("/api/chats/no-such-chat/runs");
    expect(status).toBe(404);
    expect(body).toMatchObject({ code: "not_found" });
  });
});

describe("the handoff inbox", () => {
  it("lists open handoffs and delivers an agent's reply live to the user's socket", async () => {
    const { chatId, handoff } = await escalate("hana");
    expect(handoff.status).toBe("open");

    const { status, body } = await admin(`/api/handoffs/${handoff.id}/reply`, "POST", {
      text: "Hi, Sam here. How can I help?",
      agent: "sam",
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ agent: "sam", content: "Hi, Sam here. How can I help?" });
    expect(await client.next("handoff")).toEqual({
      type: "handoff",
      action: "agent_message",
      chat_id: chatId,
      message_id: (body as { messageId: string }).messageId,
      content: "Hi, Sam here. How can I help?",
      agent: "sam",
    });
    const { body: open } = await admin("/api/handoffs");
    expect(open).toContainEqual(expect.objectContaining({ id: handoff.id, status: "answered" }));
  });

  it("hands the conversation back to the bot, which resumes the flow", async () => {
    const { chatId, handoff } = await escalate("ivo");
    const { status, body } = await admin(`/api/handoffs/${handoff.id}/handback`, "POST");
    expect(status).toBe(200);
    const { replies } = body as { replies: { content: string }[] };
    expect(replies[0]?.content).toContain("Welcome back");
    expect(await client.next("handoff")).toMatchObject({
      action: "handed_back",
      chat_id: chatId,
      replies,
    });
    const { body: open } = await admin("/api/handoffs");
    expect((open as OpenHandoff[]).map((h) => h.id)).not.toContain(handoff.id);

    const next = await client.turn({ user_id: "ivo", question: "hello again", chat_id: chatId });
    expect(as(next.at(-1), "end").status).toBe("waiting");
  });

  it("closes a handoff, telling the user's socket", async () => {
    const { chatId, handoff } = await escalate("jo");
    const { status, body } = await admin(`/api/handoffs/${handoff.id}/close`, "POST");
    expect(status).toBe(200);
    expect(await client.next("handoff")).toMatchObject({
      action: "closed",
      chat_id: chatId,
      replies: (body as { replies: unknown[] }).replies,
    });
    const again = await admin(`/api/handoffs/${handoff.id}/reply`, "POST", { text: "late" });
    expect(again).toMatchObject({ status: 404, body: { code: "not_found" } });
  });

  it("answers 404 for a handoff that does not exist and 400 for an empty reply", async () => {
    for (const action of ["handback", "close"]) {
      expect((await admin(`/api/handoffs/nope/${action}`, "POST")).status).toBe(404);
    }
    const { handoff } = await escalate("kai");
    const empty = await admin(`/api/handoffs/${handoff.id}/reply`, "POST", { text: "" });
    expect(empty).toMatchObject({ status: 400, body: { code: "invalid_request" } });
  });
});
