import { afterAll, beforeAll, expect, it } from "bun:test";
import { SignJWT } from "jose";
import type { TestServer } from "../runtime/server/test-server.ts";
import { ADMIN_TOKEN, api, as, CLIENT_TOKEN, connectChat } from "../runtime/server/test-server.ts";
import { startJwksServer } from "../stand-ins/jwks-server.ts";
import { describeServedRuntime } from "./served-runtime.ts";

/** A WhatsApp user's id, which anyone can guess from a phone number. */
const PHONE_USER = "whatsapp_15551230001";

/** Writes a WhatsApp user's chat the way the WhatsApp channel does; returns its id. */
async function whatsappChat(server: TestServer): Promise<string> {
  const turn = await server.running.services.chats.sendMessage(
    { userId: PHONE_USER, channel: "whatsapp", text: "My name is Pat, my card ends 4242" },
    () => {},
  );
  if (!turn) throw new Error("the WhatsApp turn failed");
  const [chat] = await server.running.services.chats.listChats({ userId: PHONE_USER });
  if (!chat) throw new Error("no WhatsApp chat");
  return chat.id;
}

async function messageCount(server: TestServer, chatId: string): Promise<number> {
  const { body } = await api(server, `/api/chats/${chatId}/messages?limit=200`, {
    token: ADMIN_TOKEN,
  });
  return (body as unknown[]).length;
}

describeServedRuntime("an anonymous visitor", { CLIENT_TOKEN: "" }, (served) => {
  let phoneChat = "";
  beforeAll(async () => {
    phoneChat = await whatsappChat(served());
  });

  it("can't list, read, rename or reset a WhatsApp user's chat without a token", async () => {
    const server = served();
    for (const [method, path, body] of [
      ["GET", `/api/chats/?user_id=${PHONE_USER}`],
      ["GET", `/api/chats/${phoneChat}/messages?user_id=${PHONE_USER}`],
      ["GET", `/api/chats/${phoneChat}/sessions?user_id=${PHONE_USER}`],
      ["PATCH", `/api/chats/${phoneChat}/title?user_id=${PHONE_USER}`, { title: "pwned" }],
      ["POST", `/api/chats/${phoneChat}/reset?user_id=${PHONE_USER}`],
    ] as const) {
      const response = await api(server, path, { method, body, token: null });
      expect({ path, status: response.status }).toEqual({ path, status: 401 });
    }
  });

  it("sees only its own chats with its visitor token, whatever user_id it names", async () => {
    const server = served();
    const client = await connectChat(server.wsUrl, null);
    const token = client.connected.visitor_token ?? "";
    expect(token).not.toBe("");
    expect(client.connected.user_id).toMatch(/^visitor_/);
    const mine = as((await client.turn({ user_id: PHONE_USER, question: "Hi!" }))[0], "start");
    client.close();

    const listed = await api(server, `/api/chats/?user_id=${PHONE_USER}`, { token });
    expect((listed.body as { id: string }[]).map((chat) => chat.id)).toEqual([mine.chat_id]);
    for (const [method, path, body] of [
      ["GET", `/api/chats/${phoneChat}/messages?user_id=${PHONE_USER}`],
      ["GET", `/api/chats/${phoneChat}/sessions?user_id=${PHONE_USER}`],
      ["PATCH", `/api/chats/${phoneChat}/title?user_id=${PHONE_USER}`, { title: "pwned" }],
      ["POST", `/api/chats/${phoneChat}/reset?user_id=${PHONE_USER}`],
    ] as const) {
      const response = await api(server, path, { method, body, token });
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
  });

  it("can't write into a WhatsApp user's chat over the WebSocket", async () => {
    const server = served();
    const before = await messageCount(server, phoneChat);
    const client = await connectChat(server.wsUrl, null);
    const events = await client.turn({
      user_id: PHONE_USER,
      chat_id: phoneChat,
      question: "Please send my order to 1 Attacker Road",
    });
    expect(events.at(-1)).toMatchObject({ type: "error", code: "not_found" });
    expect(await messageCount(server, phoneChat)).toBe(before);
    client.close();
  });

  it("continues the chats it started on the connection, and after a reconnect with its token", async () => {
    const server = served();
    const first = await connectChat(server.wsUrl, null);
    const token = first.connected.visitor_token ?? "";
    const chatId = as((await first.turn({ user_id: "me", question: "Hi!" }))[0], "start").chat_id;
    const again = await first.turn({ user_id: "me", question: "Ana", chat_id: chatId });
    expect(again.at(-1)).toMatchObject({ type: "end", chat_id: chatId });
    first.close();

    const back = await connectChat(`${server.wsUrl}?visitor_token=${token}`, null);
    expect(back.connected.visitor_token).toBe(token);
    const resumed = await back.turn({
      user_id: "me",
      question: "ana@example.com",
      chat_id: chatId,
    });
    expect(resumed.at(-1)).toMatchObject({ type: "end", chat_id: chatId });
    back.close();

    const stranger = await connectChat(server.wsUrl, null);
    expect(stranger.connected.visitor_token).not.toBe(token);
    const refused = await stranger.turn({ user_id: "me", question: "hello?", chat_id: chatId });
    expect(refused.at(-1)).toMatchObject({ type: "error", code: "not_found" });
    stranger.close();
  });

  it("gets a visitor token from POST /visitors for clients other than the web chat", async () => {
    const server = served();
    const response = await fetch(`${server.url}/visitors`, { method: "POST" });
    expect(response.status).toBe(201);
    const { visitor_token, user_id } = (await response.json()) as Record<string, string>;
    expect(user_id).toMatch(/^visitor_/);
    expect((await api(server, "/api/chats/", { token: visitor_token })).body).toEqual([]);
  });

  it("may score only its own turns", async () => {
    const server = served();
    const owner = await connectChat(server.wsUrl, null);
    const turnId = as((await owner.turn({ question: "Hi!" }))[0], "start").message_id;
    const other = await connectChat(server.wsUrl, null);
    other.send({ type: "feedback", message_id: turnId, score: -1 });
    expect(await other.next("error")).toMatchObject({ code: "not_found" });
    owner.send({ type: "feedback", message_id: turnId, score: 1 });
    // Feedback gets no answer; the next message's answer is the next event.
    const next = await owner.turn({ question: "thanks" });
    expect(next[0]?.type).toBe("start");
    owner.close();
    other.close();
  });
});

describeServedRuntime("a trusted backend with CLIENT_TOKEN", {}, (served) => {
  let phoneChat = "";
  beforeAll(async () => {
    phoneChat = await whatsappChat(served());
  });

  it("names web users, but never reaches another channel's user", async () => {
    const server = served();
    const listed = await api(server, `/api/chats/?user_id=${PHONE_USER}`, { token: CLIENT_TOKEN });
    expect(listed.body).toEqual([]);
    const read = await api(server, `/api/chats/${phoneChat}/messages?user_id=${PHONE_USER}`);
    expect(read.status).toBe(404);
    const before = await messageCount(server, phoneChat);
    const client = await connectChat(server.wsUrl, CLIENT_TOKEN);
    const events = await client.turn({ user_id: PHONE_USER, chat_id: phoneChat, question: "hi" });
    expect(events.at(-1)).toMatchObject({ type: "error", code: "not_found" });
    expect(await messageCount(server, phoneChat)).toBe(before);
    client.close();
    // The admin API still reaches it.
    const asAdmin = await api(server, `/api/chats/?user_id=${PHONE_USER}`, { token: ADMIN_TOKEN });
    expect((asAdmin.body as { id: string }[]).map((chat) => chat.id)).toEqual([phoneChat]);
  });

  it("scores only the turns of the web user it names, never another channel's", async () => {
    const server = served();
    const client = await connectChat(server.wsUrl, CLIENT_TOKEN);
    const turnId = as(
      (await client.turn({ user_id: "ana", question: "Hi!" }))[0],
      "start",
    ).message_id;
    const phoneTurn = (
      (await api(server, `/api/chats/${phoneChat}/messages?limit=200`, { token: ADMIN_TOKEN }))
        .body as { messageId: string; role: string }[]
    ).find((message) => message.role === "user")?.messageId;
    for (const [feedback, code] of [
      [{ message_id: turnId }, "invalid_request"],
      [{ message_id: turnId, user_id: "bo" }, "not_found"],
      [{ message_id: phoneTurn, user_id: PHONE_USER }, "not_found"],
    ] as const) {
      client.send({ type: "feedback", score: -1, ...feedback });
      expect({ feedback, error: await client.next("error") }).toMatchObject({
        feedback,
        error: { code },
      });
    }
    client.send({ type: "feedback", message_id: turnId, user_id: "ana", score: 1 });
    // Accepted feedback gets no answer; the next message's answer is the next event.
    expect((await client.turn({ user_id: "ana", question: "thanks" }))[0]?.type).toBe("start");
    client.close();
  });

  it("refuses anonymous sockets and REST calls when CLIENT_TOKEN is set", async () => {
    const server = served();
    expect((await api(server, "/api/chats/?user_id=x", { token: null })).status).toBe(401);
    const socket = new WebSocket(server.wsUrl);
    const outcome = await new Promise<string>((resolve) => {
      socket.onmessage = () => resolve("message");
      socket.onclose = () => resolve("refused");
    });
    expect(outcome).toBe("refused");
  });
});

const JWT_SECRET = "a-site-secret-of-at-least-32-characters";
const sign = (sub: string, expires: string | number, secret = JWT_SECRET) =>
  new SignJWT()
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(expires)
    .sign(new TextEncoder().encode(secret));

describeServedRuntime(
  "a site's own login (CHAT_JWT_SECRET)",
  { CLIENT_TOKEN: "", CHAT_JWT_SECRET: JWT_SECRET },
  (served) => {
    it("identifies the user by the verified token's sub", async () => {
      const server = served();
      const token = await sign("alice", "1h");
      const client = await connectChat(server.wsUrl, token);
      expect(client.connected.visitor_token).toBeUndefined();
      const chatId = as(
        (await client.turn({ user_id: PHONE_USER, question: "Hi!" }))[0],
        "start",
      ).chat_id;
      client.close();
      const listed = await api(server, "/api/chats/", { token });
      expect((listed.body as { id: string; userId: string }[]).map((chat) => chat.userId)).toEqual([
        "alice",
      ]);
      const bob = await api(server, `/api/chats/${chatId}/messages`, {
        token: await sign("bob", "1h"),
      });
      expect(bob.status).toBe(404);
    });

    it("refuses expired tokens, tokens signed with another secret, and no token", async () => {
      const server = served();
      const expired = await sign("alice", Math.floor(Date.now() / 1000) - 60);
      const forged = await sign("alice", "1h", "another-secret-of-at-least-32-characters");
      for (const token of [expired, forged, null]) {
        expect((await api(server, "/api/chats/", { token })).status).toBe(401);
        const socket = new WebSocket(token ? `${server.wsUrl}?token=${token}` : server.wsUrl);
        const outcome = await new Promise<string>((resolve) => {
          socket.onmessage = () => resolve("message");
          socket.onclose = () => resolve("refused");
        });
        expect(outcome).toBe("refused");
      }
    });
  },
);

const site = await startJwksServer();
afterAll(() => site.stop());

describeServedRuntime(
  "a site's own login (CHAT_JWKS_URL)",
  { CLIENT_TOKEN: "", CHAT_JWKS_URL: site.url },
  (served) => {
    it("accepts RS256 and ES256 tokens signed with the site's keys, by sub", async () => {
      const server = served();
      for (const alg of ["RS256", "ES256"] as const) {
        const token = await site.sign(`user-${alg}`, alg);
        const client = await connectChat(server.wsUrl, token);
        as((await client.turn({ question: "Hi!" }))[0], "start");
        client.close();
        const listed = await api(server, "/api/chats/", { token });
        expect((listed.body as { userId: string }[]).map((chat) => chat.userId)).toEqual([
          `user-${alg}`,
        ]);
      }
    });

    it("refuses an expired token and an HS256 token when no secret is configured", async () => {
      const server = served();
      const expired = await site.sign("late", "ES256", "-1m");
      expect((await api(server, "/api/chats/", { token: expired })).status).toBe(401);
      expect((await api(server, "/api/chats/", { token: await sign("alice", "1h") })).status).toBe(
        401,
      );
    });
  },
);
