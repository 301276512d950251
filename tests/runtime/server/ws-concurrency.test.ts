import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import type { ServerEvent } from "../../../runtime/src/web-chat/server-event.ts";
import {
  api,
  as,
  connectChat,
  repliesOf,
  startTestServer,
  type TestServer,
} from "./test-server.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.stop();
});

/** Reads events until `count` turns ended. */
async function collectTurns(next: () => Promise<ServerEvent>, count: number) {
  const events: ServerEvent[] = [];
  while (events.filter((event) => event.type === "end").length < count) events.push(await next());
  return events;
}

describe("two messages on one chat at once", () => {
  it("runs the second after the first, in the order sent, without interleaving", async () => {
    const client = await connectChat(server.wsUrl);
    const first = await client.turn({
      user_id: "carla",
      question: "We'd like to buy e-bikes for the delivery team at our company",
    });
    const chatId = as(first[0], "start").chat_id;

    client.send({ user_id: "carla", question: "Carla Diaz", chat_id: chatId });
    client.send({ user_id: "carla", question: "carla@fleetco.com", chat_id: chatId });
    const events = await collectTurns(() => client.next(), 2);

    const boundaries = events.filter((e) => e.type === "start" || e.type === "end");
    expect(boundaries.map((e) => e.type)).toEqual(["start", "end", "start", "end"]);
    const firstEnd = events.findIndex((e) => e.type === "end");
    const [turnA, turnB] = [events.slice(0, firstEnd + 1), events.slice(firstEnd + 1)];
    const idA = as(turnA[0], "start").message_id;
    const idB = as(turnB[0], "start").message_id;
    expect(idA).not.toBe(idB);
    expect(turnA.every((e) => !("message_id" in e) || e.message_id === idA)).toBe(true);
    expect(turnB.every((e) => !("message_id" in e) || e.message_id === idB)).toBe(true);
    // The flow saw the name first (so asked for the email), then the email (so asks the company).
    expect(repliesOf(turnA).join(" ")).toContain("email");
    expect(repliesOf(turnB).join(" ")).toContain("company");
    client.close();
  });

  it("queues a message sent from a second socket behind the running turn", async () => {
    const a = await connectChat(server.wsUrl);
    const b = await connectChat(server.wsUrl);
    const start = await a.turn({ user_id: "dev", question: "Hi there!" });
    const chatId = as(start[0], "start").chat_id;
    a.send({ user_id: "dev", question: "Do you ship to Canada?", chat_id: chatId });
    b.send({ user_id: "dev", question: "And do you take PayPal?", chat_id: chatId });
    const [endA, endB] = await Promise.all([a.next("end"), b.next("end")]);
    const { body } = (await api(server, `/api/chats/${chatId}/messages?user_id=dev`)) as {
      body: { role: string; content: string }[];
    };
    // Each question is directly followed by its own answer, whichever arrived first.
    expect(body.map((m) => m.role)).toEqual([
      "user",
      "assistant",
      "user",
      "assistant",
      "user",
      "assistant",
    ]);
    const answerTo = (question: string) =>
      body[body.findIndex((m) => m.content === question) + 1]?.content;
    expect(as(endA, "end").full_text).toBe(answerTo("Do you ship to Canada?") ?? "");
    expect(as(endB, "end").full_text).toBe(answerTo("And do you take PayPal?") ?? "");
    a.close();
    b.close();
  });
});
