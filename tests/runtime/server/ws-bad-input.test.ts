import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import {
  ADMIN_TOKEN,
  api,
  as,
  type ChatClient,
  connectChat,
  startTestServer,
  type TestServer,
} from "./test-server.ts";

let server: TestServer;
let client: ChatClient;
/** A chat of user "owner", which the bad messages must leave alone. */
let ownerChat = "";

beforeAll(async () => {
  server = await startTestServer();
  client = await connectChat(server.wsUrl);
  const events = await client.turn({ user_id: "owner", question: "Where exactly is your shop?" });
  ownerChat = as(events[0], "start").chat_id;
});

afterAll(async () => {
  client.close();
  await server.stop();
});

const valid = { user_id: "tester", question: "Do you take Apple Pay?" };

const cases: [name: string, message: unknown, problem: string | RegExp][] = [
  ["text that is not JSON", "hello there", "not valid JSON"],
  ["broken JSON", '{"user_id": "tester", "question": ', "not valid JSON"],
  ["a binary frame", new Uint8Array([123, 34, 125]), "Binary frames are not accepted"],
  ["a JSON array", JSON.stringify([valid]), "must be a JSON object"],
  ["a JSON number", "42", "must be a JSON object"],
  ["no user_id", { question: "hi" }, "user_id is required"],
  ["no question", { user_id: "tester" }, "question is required"],
  [
    "a numeric question",
    { user_id: "tester", question: 42 },
    "question must be a string, not a number",
  ],
  ["an empty user_id", { user_id: "", question: "hi" }, "user_id must be a non-empty string"],
  ["a chat_id object", { ...valid, chat_id: { id: 1 } }, "chat_id must be a non-empty string"],
  ["an empty question", { ...valid, question: "   " }, "question is empty"],
  [
    "a question over 2,000 characters",
    { ...valid, question: "a".repeat(2001) },
    "question is 2,001 characters long; the limit is 2,000",
  ],
  ["an unknown chat id", { ...valid, chat_id: "no-such-chat" }, 'no chat "no-such-chat"'],
  ["an unknown flow", { ...valid, flow: "nope" }, 'no published flow "nope"'],
];

describe("bad input on /ws/chat/completions", () => {
  for (const [name, message, problem] of cases) {
    it(`answers ${name} with an error event naming the problem, and keeps the socket open`, async () => {
      client.send(message);
      const error = as(await client.next(), "error");
      expect(["invalid_request", "not_found"]).toContain(error.code);
      expect(error.message).toMatch(problem);
      expect(error.message_id).toBeUndefined();
      const events = await client.turn(valid);
      expect(events.at(-1)?.type).toBe("end");
    });
  }

  it("treats another user's chat as unknown, and leaves it untouched", async () => {
    const before = await api(server, `/api/chats/${ownerChat}/messages`, { token: ADMIN_TOKEN });
    client.send({ user_id: "intruder", question: "hi", chat_id: ownerChat });
    const error = as(await client.next(), "error");
    expect(error).toMatchObject({ code: "not_found" });
    expect(error.message).toContain(ownerChat);
    const after = await api(server, `/api/chats/${ownerChat}/messages`, { token: ADMIN_TOKEN });
    expect(after.body).toEqual(before.body);
    expect((await api(server, "/api/chats/?user_id=intruder")).body).toEqual([]);
  });

  it("rejects a session id that is not the chat's", async () => {
    client.send({ user_id: "owner", question: "hi", chat_id: ownerChat, session_id: "other" });
    expect(as(await client.next(), "error").message).toContain('no session "other"');
  });

  it("stores nothing for rejected messages", async () => {
    const { body } = await api(server, "/api/chats/?user_id=tester");
    // Only the valid follow-up messages made chats: one each, none for the bad ones.
    expect((body as unknown[]).length).toBe(cases.length);
    const messages = await api(server, `/api/chats/${ownerChat}/messages?user_id=owner`);
    expect((messages.body as unknown[]).length).toBe(2);
  });
});
