import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import { toReplyPayload } from "../../../runtime/src/conversations/reply-payload.ts";
import { openHandoffOf, staffActor } from "../staff-actor.ts";
import {
  ADMIN_TOKEN,
  api,
  as,
  type ChatClient,
  connectChat,
  repliesOf,
  startTestServer,
  type TestServer,
} from "./test-server.ts";

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

describe("a support conversation over WebSocket", () => {
  let chatId = "";
  let handoffId = "";
  let sessionId = "";
  const say = async (question: string) => {
    const events = await client.turn({
      user_id: "ana",
      question,
      chat_id: chatId || null,
      session_id: sessionId || null,
    });
    const start = as(events[0], "start");
    chatId = start.chat_id;
    sessionId = start.session_id;
    return events;
  };

  it("answers an FAQ question with start, node events, agent_response and end", async () => {
    const events = await say("what time do you guys open on sunday?");
    const types = events.map((event) => event.type);
    expect(types[0]).toBe("start");
    expect(types.at(-1)).toBe("end");
    expect(types).toContain("agent_response");
    expect(events.filter((e) => e.type === "node").map((e) => as(e, "node").node_id)).toEqual([
      "classify",
      "faq",
    ]);
    const end = as(events.at(-1), "end");
    const start = as(events[0], "start");
    expect(end).toMatchObject({ chat_id: start.chat_id, session_id: start.session_id });
    expect(end.message_id).toBe(start.message_id);
    expect(end.full_text).toContain("Sunday");
    expect(end.full_text).toContain("11am");
    expect(end.status).toBe("waiting");
  });

  it("qualifies a fleet lead over several turns of one session", async () => {
    const first = await say("We'd like to buy e-bikes for the delivery team at our company");
    expect(repliesOf(first).join(" ")).toContain("name");
    const firstSession = sessionId;
    await say("Ana Lopez");
    await say("ana@acme.io");
    await say("Acme Logistics");
    const last = await say(
      "We need 12 bikes, our budget is around $30,000 and we'd like them within 2 months",
    );
    expect(as(last.at(-1), "end").full_text).toContain("1 business day");
    expect(sessionId).toBe(firstSession);
  });

  it("escalates to a human, who replies live to the open socket and hands back", async () => {
    const escalation = await say("I'd rather talk to an actual person about my order please");
    const opened = escalation.find((event) => event.type === "handoff");
    expect(opened).toMatchObject({ action: "opened", chat_id: chatId, queue: "support" });
    expect(repliesOf(escalation).join(" ")).toContain("member of the Voltra team");
    expect(as(escalation.at(-1), "end").status).toBe("handoff");

    const waiting = await say("hello? is someone there?");
    expect(as(waiting.at(-1), "end").status).toBe("handoff");

    handoffId = await openHandoffOf(server.running.services, chatId);
    const reply = await server.running.services.handoffs.reply(
      staffActor("sam"),
      handoffId,
      "Hi, this is Sam from Voltra. Your order VB-10482 arrives Thursday.",
    );
    const live = as(await client.next("handoff"), "handoff");
    expect(live).toEqual({
      type: "handoff",
      action: "agent_message",
      chat_id: chatId,
      message_id: reply.messageId,
      content: "Hi, this is Sam from Voltra. Your order VB-10482 arrives Thursday.",
      agent: "sam",
    });

    const welcome = await server.running.services.handoffs.handBack(staffActor("sam"), handoffId);
    const back = as(await client.next("handoff"), "handoff");
    expect(back).toMatchObject({ action: "handed_back", chat_id: chatId });
    expect(welcome[0]?.text).toContain("Welcome back");
    expect(back).toMatchObject({ replies: welcome.map(toReplyPayload) });
  });

  it("answers the bot again after the hand-back", async () => {
    const events = await say("One more thing, does the bike come already put together?");
    expect(events.filter((e) => e.type === "node").map((e) => as(e, "node").node_id)).toEqual([
      "classify",
      "faq",
    ]);
    expect(as(events.at(-1), "end").status).toBe("waiting");
  });

  it("keeps the whole conversation in the chat's history, the human's reply included", async () => {
    const { status, body } = await api(
      server,
      `/api/chats/${chatId}/messages?user_id=ana&limit=200`,
    );
    expect(status).toBe(200);
    const messages = body as { role: string; content: string; seq: number }[];
    expect(messages.map((m) => m.role).slice(0, 2)).toEqual(["user", "assistant"]);
    expect(messages.find((m) => m.role === "agent")?.content).toContain("Sam from Voltra");
    expect(messages.some((m) => m.content.includes("Welcome back"))).toBe(true);
    expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i + 1));
    // 9 user messages, 8 bot replies (none while the human holds the chat), the human's, the welcome back.
    expect(messages).toHaveLength(9 + 8 + 1 + 1);

    const handoffs = await server.running.services.database.db
      .selectFrom("handoffs")
      .selectAll()
      .where("chatId", "=", chatId)
      .execute();
    expect(handoffs).toMatchObject([{ status: "closed", outcome: "resolved" }]);
  });

  it("refuses a hand-back when no human holds the chat", async () => {
    await expect(
      server.running.services.handoffs.handBack(staffActor("sam"), handoffId),
    ).rejects.toMatchObject({ code: "not_found" });
    const { body } = await api(server, "/api/chats/?user_id=ana", { token: ADMIN_TOKEN });
    expect(body).toMatchObject([{ id: chatId, userId: "ana", channel: "web" }]);
  });
});

describe("closing a handoff", () => {
  it("ends the conversation and tells every socket of the chat", async () => {
    const events = await client.turn({
      user_id: "bo",
      question: "Can I speak to a real person please?",
    });
    const chatId = as(events[0], "start").chat_id;
    const other = await connectChat(server.wsUrl);
    // A second socket listens to the chat once it sends a message there.
    await other.turn({ user_id: "bo", question: "anyone?", chat_id: chatId });
    const handoffId = await openHandoffOf(server.running.services, chatId);
    const replies = await server.running.services.handoffs.close(staffActor("sam"), handoffId);
    expect(replies[0]?.text).toContain("closed by our team");
    for (const socket of [client, other]) {
      expect(await socket.next("handoff")).toMatchObject({
        action: "closed",
        chat_id: chatId,
        replies: replies.map(toReplyPayload),
      });
    }
    other.close();
    await expect(
      server.running.services.handoffs.reply(staffActor("sam"), handoffId, "too late"),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});
