import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import {
  api,
  as,
  type ChatClient,
  connectChat,
  startTestServer,
  type TestServer,
} from "./test-server.ts";

let server: TestServer;
let client: ChatClient;
let chatId = "";
let sessionId = "";

beforeAll(async () => {
  server = await startTestServer();
  client = await connectChat(server.wsUrl);
  for (const question of ["Hi there!", "Do you take Apple Pay?", "How much is shipping?"]) {
    const start = as(
      (await client.turn({ user_id: "kim", question, chat_id: chatId || null }))[0],
      "start",
    );
    chatId = start.chat_id;
    sessionId = start.session_id;
  }
});

afterAll(async () => {
  client.close();
  await server.stop();
});

describe("health", () => {
  it("answers liveness", async () => {
    expect(await api(server, "/health")).toEqual({ status: 200, body: { status: "ok" } });
  });

  it("is ready with the database, the example flows and the embedded model", async () => {
    const { status, body } = await api(server, "/ready");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      ready: true,
      database: { ok: true, detail: "sqlite" },
      flows: { failed: [] },
    });
    const ready = body as { flows: { loaded: { id: string }[] } };
    expect(ready.flows.loaded.map((flow) => flow.id).sort()).toEqual([
      "escalation",
      "faq",
      "sales",
      "suporte",
      "support",
    ]);
  });

  it("lists the models with their reachability", async () => {
    const { status, body } = await api(server, "/models");
    expect(status).toBe(200);
    expect(body).toContainEqual(
      expect.objectContaining({ name: "default", provider: "local", reachable: "yes" }),
    );
  });
});

describe("/api/chats", () => {
  it("lists a user's chats", async () => {
    const { body } = await api(server, "/api/chats/?user_id=kim");
    expect(body).toMatchObject([{ id: chatId, userId: "kim", title: "Hi there!" }]);
    expect((await api(server, "/api/chats/?user_id=nobody")).body).toEqual([]);
  });

  it("pages through a chat's messages, oldest first", async () => {
    const all = (await api(server, `/api/chats/${chatId}/messages?user_id=kim`)).body as {
      seq: number;
      role: string;
    }[];
    expect(all.map((m) => m.role)).toEqual([
      "user",
      "assistant",
      "user",
      "assistant",
      "user",
      "assistant",
    ]);
    const last = (await api(server, `/api/chats/${chatId}/messages?user_id=kim&limit=2`)).body;
    expect((last as { seq: number }[]).map((m) => m.seq)).toEqual([5, 6]);
    const earlier = (
      await api(server, `/api/chats/${chatId}/messages?user_id=kim&limit=2&before=5`)
    ).body;
    expect((earlier as { seq: number }[]).map((m) => m.seq)).toEqual([3, 4]);
  });

  it("renames a chat, refusing an empty title with a sentence that names it", async () => {
    const renamed = await api(server, `/api/chats/${chatId}/title?user_id=kim`, {
      method: "PATCH",
      body: { title: "Payments" },
    });
    expect(renamed).toMatchObject({ status: 200, body: { id: chatId, title: "Payments" } });
    const empty = await api(server, `/api/chats/${chatId}/title?user_id=kim`, {
      method: "PATCH",
      body: { title: "" },
    });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ code: "invalid_request" });
    expect((empty.body as { message: string }).message).toContain("title");
  });

  it("resets a chat: the next message starts a new session", async () => {
    const reset = await api(server, `/api/chats/${chatId}/reset?user_id=kim`, { method: "POST" });
    expect(reset).toEqual({ status: 200, body: { reset: true } });
    const events = await client.turn({ user_id: "kim", question: "Hello again", chat_id: chatId });
    expect(as(events[0], "start").session_id).not.toBe(sessionId);
    const sessions = (await api(server, `/api/chats/${chatId}/sessions?user_id=kim`)).body;
    expect(sessions).toMatchObject([
      { id: sessionId, endReason: "reset", active: false },
      { active: true, flowId: "support" },
    ]);
  });

  it("answers unknown chats and routes with 404 and a code", async () => {
    expect(await api(server, "/api/chats/nope/messages?user_id=kim")).toMatchObject({
      status: 404,
      body: { code: "not_found" },
    });
    expect(await api(server, "/api/nothing-here")).toMatchObject({
      status: 404,
      body: { code: "not_found" },
    });
  });

  it("documents the API with OpenAPI at /docs", async () => {
    expect((await fetch(`${server.url}/docs`)).headers.get("content-type")).toContain("text/html");
    const { body } = await api(server, "/docs/json");
    const paths = Object.keys((body as { paths: object }).paths);
    for (const path of [
      "/health",
      "/ready",
      "/models",
      "/api/chats/",
      "/api/chats/{id}/messages",
    ]) {
      expect(paths).toContain(path);
    }
  });
});

describe("the web chat", () => {
  it("serves the page with a policy that runs no inline or foreign script", async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(await page.text()).toContain('<script src="/chat.js"');
  });

  it("serves the chat and embed scripts, which set message text, never HTML", async () => {
    for (const path of ["/chat.js", "/embed.js", "/chat.css"]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    }
    const chat = await (await fetch(`${server.url}/chat.js`)).text();
    expect(chat).toContain("textContent");
    expect(chat).toContain("/ws/chat/completions");
  });
});
