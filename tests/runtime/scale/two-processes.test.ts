import { afterAll, beforeAll, expect, it } from "bun:test";
import { CamelCasePlugin, Kysely, sql } from "kysely";
import { createPostgresDialect } from "../../../runtime/src/db/postgres-dialect.ts";
import type { Tables } from "../../../runtime/src/db/tables.ts";
import type { ServerEvent } from "../../../runtime/src/web-chat/server-event.ts";
import { connectToPostgres, describeEachDialect, POSTGRES_URL } from "../db/test-database.ts";
import {
  ADMIN_TOKEN,
  as,
  type ChatClient,
  CLIENT_TOKEN,
  connectChat,
  repliesOf,
} from "../server/test-server.ts";
import { type ServeProcess, startServeProcess } from "./serve-process.ts";

/**
 * Two `switchboard serve` processes on one PostgreSQL database, as two replicas behind a load
 * balancer. The database is one of its own (created here, dropped after), because the runtime
 * keeps its tables in the database's default schema.
 */
describeEachDialect("two runtime processes on one database", () => {
  const name = `sb_scale_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  let a: ServeProcess;
  let b: ServeProcess;
  let db: Kysely<Tables>;
  const clients: ChatClient[] = [];
  const connect = async (process: ServeProcess) => {
    const client = await connectChat(process.wsUrl);
    clients.push(client);
    return client;
  };
  const admin = async (process: ServeProcess, path: string, body?: unknown) => {
    const response = await fetch(`${process.url}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return response.json() as Promise<unknown>;
  };
  const messagesOf = async (chatId: string) =>
    (await admin(a, `/api/chats/${chatId}/messages?limit=200`)) as {
      role: string;
      content: string;
    }[];

  beforeAll(async () => {
    const server = connectToPostgres();
    try {
      await sql`create database ${sql.id(name)}`.execute(server);
    } finally {
      await server.destroy();
    }
    const env = {
      DATABASE_URL: url.toString(),
      ADMIN_TOKEN,
      CLIENT_TOKEN,
      RATE_LIMIT_PER_MINUTE: "1000",
    };
    // Started together on the empty database: only one of them imports the example flows.
    const started = await Promise.allSettled([startServeProcess(env), startServeProcess(env)]);
    const failed = started.find((result) => result.status === "rejected");
    if (failed) {
      for (const result of started) if (result.status === "fulfilled") await result.value.stop();
      throw failed.reason;
    }
    [a, b] = started.map((result) => (result as PromiseFulfilledResult<ServeProcess>).value) as [
      ServeProcess,
      ServeProcess,
    ];
    db = new Kysely({
      dialect: createPostgresDialect(url.toString(), { poolSize: 1 }),
      plugins: [new CamelCasePlugin()],
    });
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    const codes = await Promise.all([a?.stop(), b?.stop()]);
    await db?.destroy();
    const server = connectToPostgres();
    try {
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(server);
    } finally {
      await server.destroy();
    }
    expect(codes).toEqual([0, 0]);
  }, 30_000);

  it("keeps one conversation's order and state when its messages alternate between them", async () => {
    const [atA, atB] = [await connect(a), await connect(b)];
    let chatId = "";
    const say = async (client: ChatClient, question: string) => {
      const events = await client.turn({ user_id: "ana", question, chat_id: chatId || null });
      chatId = as(events[0], "start").chat_id;
      return { replies: repliesOf(events).join(" "), end: as(events.at(-1), "end") };
    };
    const first = await say(atA, "We'd like to buy e-bikes for the delivery team at our company");
    expect(first.replies).toContain("name");
    expect((await say(atB, "Ana Lopez")).replies).toContain("email");
    expect((await say(atA, "ana@acme.io")).replies).toContain("company");
    await say(atB, "Acme Logistics");
    const last = await say(
      atA,
      "We need 12 bikes, our budget is around $30,000 and we'd like them within 2 months",
    );
    expect(last.end.full_text).toContain("1 business day");
    expect(last.end.session_id).toBe(first.end.session_id);
    const messages = await messagesOf(chatId);
    expect(messages.map((m) => m.role)).toEqual(Array(5).fill(["user", "assistant"]).flat());
    expect(messages[2]?.content).toBe("Ana Lopez");
  });

  it("runs two messages sent at once to different processes one after the other", async () => {
    const [atA, atB] = [await connect(a), await connect(b)];
    const start = await atA.turn({ user_id: "dev", question: "Hi there!" });
    const chatId = as(start[0], "start").chat_id;
    const questions: [string, string][] = [
      ["Do you ship to Canada?", "And do you take PayPal?"],
      ["What time do you open on sunday?", "How long does delivery take?"],
      ["Do you offer financing?", "Does the bike come already put together?"],
    ];
    for (const [first, second] of questions) {
      atA.send({ user_id: "dev", question: first, chat_id: chatId });
      atB.send({ user_id: "dev", question: second, chat_id: chatId });
      const ends = await Promise.all([atA.next("end"), atB.next("end")]);
      const messages = await messagesOf(chatId);
      const answerTo = (question: string) =>
        messages[messages.findIndex((m) => m.content === question) + 1]?.content;
      expect(as(ends[0], "end").full_text).toBe(answerTo(first) ?? "");
      expect(as(ends[1], "end").full_text).toBe(answerTo(second) ?? "");
    }
    // Each question directly followed by its own answer, whichever process took it first.
    const roles = (await messagesOf(chatId)).map((m) => m.role);
    expect(roles).toEqual(Array(7).fill(["user", "assistant"]).flat());
    // And no turn's run began before the previous one had ended.
    const runs = await db
      .selectFrom("runs")
      .select(["startedAt", "durationMs"])
      .where("chatId", "=", chatId)
      .orderBy("startedAt")
      .execute();
    expect(runs).toHaveLength(7);
    for (const [index, run] of runs.slice(1).entries()) {
      const previous = runs[index] as (typeof runs)[number];
      const previousEnd = Date.parse(previous.startedAt) + previous.durationMs;
      expect(Date.parse(run.startedAt)).toBeGreaterThanOrEqual(previousEnd);
    }
  });

  it("delivers a human agent's messages posted to one process to the socket held by the other", async () => {
    const user = await connect(b);
    const escalation = await user.turn({
      user_id: "bo",
      question: "I'd rather talk to an actual person about my order please",
    });
    const chatId = as(escalation[0], "start").chat_id;
    expect(as(escalation.at(-1), "end").status).toBe("handoff");
    // A second socket of the same chat on the posting process itself.
    const sameProcess = await connect(a);
    await sameProcess.turn({ user_id: "bo", question: "hello?", chat_id: chatId });

    const open = (await admin(a, "/api/handoffs")) as { id: string; chatId: string }[];
    const handoff = open.find((entry) => entry.chatId === chatId);
    if (!handoff) throw new Error(`no open handoff for chat ${chatId}`);
    // Past PostgreSQL's 8,000-byte NOTIFY payload, so it travels in parts.
    const long = `Hi, this is Sam. ${"Ihre Bestellung kommt am Donnerstag an. ".repeat(240)}`;
    for (const text of ["Hi, this is Sam from Voltra.", long]) {
      const reply = (await admin(a, `/api/handoffs/${handoff.id}/reply`, { text })) as {
        messageId: string;
      };
      const expected = {
        type: "handoff",
        action: "agent_message",
        chat_id: chatId,
        message_id: reply.messageId,
        content: text,
        agent: "admin",
      };
      expect(await user.next("handoff")).toEqual(expected as ServerEvent);
      expect(await sameProcess.next("handoff")).toEqual(expected as ServerEvent);
    }
    const { replies } = (await admin(a, `/api/handoffs/${handoff.id}/handback`, {})) as {
      replies: unknown[];
    };
    // The next event on each socket is the hand-back: no agent message came twice.
    for (const socket of [user, sameProcess])
      expect(await socket.next("handoff")).toMatchObject({ action: "handed_back", replies });
  });
}, ["postgres"]);
