import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadServerConfig } from "../../../runtime/src/config/server-config.ts";
import { listMessages } from "../../../runtime/src/conversations/messages.repository.ts";
import { listSessions } from "../../../runtime/src/conversations/sessions.repository.ts";
import { type RunningServer, startServer } from "../../../runtime/src/server.ts";
import { signBody } from "../../../runtime/src/whatsapp/verify-signature.ts";
import { findContact } from "../../../runtime/src/whatsapp/whatsapp-contacts.repository.ts";
import { startWhatsAppGraph } from "../../stand-ins/whatsapp-graph.ts";
import { openHandoffOf, staffActor } from "../staff-actor.ts";
import { ACCESS_TOKEN, APP_SECRET, sentTexts } from "./channel-harness.ts";
import {
  BUSINESS_PHONE_NUMBER_ID,
  buttonReplyMessage,
  fixtureMessage,
  notification,
  textMessage,
} from "./meta-webhooks.ts";

const FLOWS_DIR = join(import.meta.dir, "..", "..", "..", "flows");
const VERIFY_TOKEN = "switchboard-verify-4f1c";
const graph = startWhatsAppGraph({
  accessToken: ACCESS_TOKEN,
  phoneNumberId: BUSINESS_PHONE_NUMBER_ID,
});

const whatsappEnv = {
  WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
  WHATSAPP_APP_SECRET: APP_SECRET,
  WHATSAPP_ACCESS_TOKEN: ACCESS_TOKEN,
  WHATSAPP_PHONE_NUMBER_ID: BUSINESS_PHONE_NUMBER_ID,
  WHATSAPP_GRAPH_BASE_URL: graph.url,
};

async function start(
  dataDir: string,
  env: Record<string, string> = whatsappEnv,
): Promise<RunningServer> {
  const config = await loadServerConfig(
    {
      ADMIN_TOKEN: "whatsapp-test-admin-token-0123",
      RATE_LIMIT_PER_MINUTE: "1000",
      FLOWS_DIR,
      SHUTDOWN_TIMEOUT_MS: "5000",
      CONFIG_FILE: "",
      DATA_DIR: dataDir,
      HOST: "127.0.0.1",
    },
    { port: 0 },
  );
  return startServer(config, { env, announce: () => {} });
}

let dataDir: string;
let server: RunningServer;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "switchboard-whatsapp-"));
  server = await start(dataDir);
});

afterAll(async () => {
  await server.stop();
  await graph.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const webhook = () => `${server.url}/webhook/whatsapp`;

/** Posts as Meta does: the raw JSON, signed. */
async function deliver(body: object, signature?: string | null): Promise<Response> {
  const text = JSON.stringify(body);
  const headers: Record<string, string> = { "content-type": "application/json" };
  const signed = signature === undefined ? signBody(text, APP_SECRET) : signature;
  if (signed !== null) headers["x-hub-signature-256"] = signed;
  return fetch(webhook(), { method: "POST", headers, body: text });
}

const idle = () => server.services.whatsapp.channel?.idle();

describe("the /webhook/whatsapp route", () => {
  it("answers Meta's verification handshake with the challenge as plain text", async () => {
    const url = `${webhook()}?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${VERIFY_TOKEN}`;
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toStartWith("text/plain");
    expect(await response.text()).toBe("1158201444");
  });

  it("refuses the handshake with 403 for another token or mode", async () => {
    for (const query of [
      `hub.mode=subscribe&hub.challenge=1&hub.verify_token=wrong`,
      `hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=${VERIFY_TOKEN}`,
      "",
    ])
      expect((await fetch(`${webhook()}?${query}`)).status).toBe(403);
  });

  it("verifies the signature on the raw bytes, escaped unicode included", async () => {
    // Meta sends non-ASCII characters escaped; the signature covers those exact bytes.
    const text = JSON.stringify(
      notification({ messages: [textMessage("351910000001", "Olá, está aí?")] }),
    ).replace(
      /[\u007f-\uffff]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
    const response = await fetch(webhook(), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": signBody(text, APP_SECRET),
      },
      body: text,
    });
    expect(response.status).toBe(200);
    await idle();
    expect(sentTexts(graph, "351910000001")).toHaveLength(1);
  });

  it("refuses a bad or missing signature with 401 and stores nothing", async () => {
    const body = notification({ messages: [textMessage("351910000002", "forged")] });
    expect((await deliver(body, null)).status).toBe(401);
    expect((await deliver(body, signBody("{}", APP_SECRET))).status).toBe(401);
    expect((await deliver(body, signBody(JSON.stringify(body), "not the app secret"))).status).toBe(
      401,
    );
    expect(await findContact(server.services.database.db, "351910000002")).toBeUndefined();
    const rows = await server.services.database.db
      .selectFrom("whatsappInbox")
      .select("wamid")
      .where("waId", "=", "351910000002")
      .execute();
    expect(rows).toEqual([]);
  });

  it("answers a signed body that is not JSON with 400", async () => {
    const text = '{"object":"whatsapp_business_account","entry":[{';
    const response = await fetch(webhook(), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": signBody(text, APP_SECRET),
      },
      body: text,
    });
    expect(response.status).toBe(400);
  });

  it("says on /ready that the channel is on", async () => {
    const response = await fetch(`${server.url}/ready`);
    expect((await response.json()) as object).toMatchObject({
      whatsapp: { enabled: true, phoneNumberId: BUSINESS_PHONE_NUMBER_ID },
    });
  });
});

describe("a support conversation over WhatsApp", () => {
  const phone = "5511999999999";
  const say = async (text: string) => {
    const before = sentTexts(graph, phone).length;
    const response = await deliver(
      notification({
        contacts: [{ waId: phone, name: "João" }],
        messages: [textMessage(phone, text)],
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("EVENT_RECEIVED");
    await idle();
    return sentTexts(graph, phone).slice(before);
  };
  const chatId = async () =>
    (await findContact(server.services.database.db, phone))?.chatId as string;

  it("answers an FAQ question in a chat of its own, the profile name stored", async () => {
    const replies = await say("what time do you guys open on sunday?");
    expect(replies.join(" ")).toContain("11am");
    expect(await findContact(server.services.database.db, phone)).toMatchObject({
      profileName: "João",
    });
    const chat = await server.services.database.db
      .selectFrom("chats")
      .selectAll()
      .where("id", "=", await chatId())
      .executeTakeFirst();
    expect(chat).toMatchObject({ userId: `whatsapp_${phone}`, channel: "whatsapp", title: "João" });
  });

  it("qualifies a lead over several messages of one session in the same chat", async () => {
    const first = await chatId();
    expect(
      (await say("We'd like to buy e-bikes for the delivery team at our company")).join(" "),
    ).toContain("name");
    await say("Ana Lopez");
    await say("ana@acme.io");
    await say("Acme Logistics");
    const last = await say(
      "We need 12 bikes, our budget is around $30,000 and we'd like them within 2 months",
    );
    expect(last.join(" ")).toContain("1 business day");
    expect(await chatId()).toBe(first);
    expect(await listSessions(server.services.database.db, first)).toHaveLength(1);
  });

  it("hands the phone to a human: its messages wait for the agent, whose replies reach the phone", async () => {
    const escalation = await say("I'd rather talk to an actual person about my order please");
    expect(escalation.join(" ")).toContain("member of the Voltra team");
    // The web chat's states reach the phone as texts: first, waiting for a person.
    expect(escalation.at(-1)).toBe("Waiting for a person…");
    expect(await say("hello? is someone there?")).toEqual([]);

    const { handoffs } = server.services;
    const handoffId = await openHandoffOf(server.services, await chatId());
    const before = sentTexts(graph, phone).length;
    await handoffs.reply(
      staffActor("sam"),
      handoffId,
      "Hi, this is Sam from Voltra. Your order VB-10482 arrives Thursday.",
    );
    await handoffs.reply(staffActor("sam"), handoffId, "Anything else?");
    await handoffs.reply(staffActor("kim"), handoffId, "Kim here, taking over from Sam.");
    await graph.until(() => sentTexts(graph, phone).some((text) => text.startsWith("Kim here")));
    const welcome = await handoffs.handBack(staffActor("kim"), handoffId);
    await graph.until(() => sentTexts(graph, phone).some((text) => text.includes("Welcome back")));
    expect(welcome[0]?.text).toContain("Welcome back");
    // "You are talking to" before each agent's first message, "back with the assistant" once.
    expect(sentTexts(graph, phone).slice(before)).toEqual([
      "You are talking to sam.",
      "Hi, this is Sam from Voltra. Your order VB-10482 arrives Thursday.",
      "Anything else?",
      "You are talking to kim.",
      "Kim here, taking over from Sam.",
      "Back with the assistant.",
      ...welcome.map((reply) => (reply.quickReplies ? `[${reply.text}]` : reply.text)),
    ]);
  });

  it("answers the bot again after the hand-back, and a tapped quick reply feeds the flow", async () => {
    expect(
      (await say("One more thing, does the bike come already put together?")).length,
    ).toBeGreaterThan(0);
    const before = sentTexts(graph, phone).length;
    await deliver(
      notification({
        messages: [
          buttonReplyMessage(phone, { id: "What are your opening hours?", title: "Opening hours" }),
        ],
      }),
    );
    await idle();
    expect(sentTexts(graph, phone).slice(before).join(" ")).toContain("11am");
  });

  it("answers media politely and records it", async () => {
    const { body } = fixtureMessage("image", phone);
    await deliver(body);
    await idle();
    expect(sentTexts(graph, phone).at(-1)).toContain("only read text");
  });

  it("starts afresh after /reset, in the same chat", async () => {
    const before = await listSessions(server.services.database.db, await chatId());
    expect((await say("/reset")).join(" ")).toContain("afresh");
    await say("what time do you guys open on sunday?");
    const after = await listSessions(server.services.database.db, await chatId());
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-2)).toMatchObject({ endReason: "reset" });
  });

  it("starts a new session after 24 hours without a message", async () => {
    const { db } = server.services.database;
    const id = await chatId();
    const dayAgo = new Date(Date.now() - 25 * 60 * 60 * 1000).toISOString();
    await db
      .updateTable("chatSessions")
      .set({ lastActivityAt: dayAgo })
      .where("chatId", "=", id)
      .execute();
    const before = await listSessions(db, id);
    await say("do you deliver to Porto?");
    const after = await listSessions(db, id);
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-2)).toMatchObject({ endReason: "inactivity" });
  });

  it("keeps the whole conversation, the human's reply included, in the chat's history", async () => {
    const messages = await listMessages(server.services.database.db, await chatId(), {
      limit: 500,
    });
    expect(messages.find((message) => message.role === "agent")?.content).toContain(
      "Sam from Voltra",
    );
    expect(messages.filter((message) => message.role === "user").length).toBeGreaterThan(10);
  });
});

describe("the flow WhatsApp is bound to in the studio", () => {
  it("takes the number's new chats", async () => {
    const phone = "5511888888888";
    const bind = await fetch(`${server.url}/api/channels/whatsapp`, {
      method: "PUT",
      headers: {
        authorization: "Bearer whatsapp-test-admin-token-0123",
        "content-type": "application/json",
      },
      body: JSON.stringify({ flow: "faq" }),
    });
    expect(bind.status).toBe(200);
    try {
      await deliver(
        notification({
          contacts: [{ waId: phone, name: "Ana" }],
          messages: [textMessage(phone, "Do you take Apple Pay?")],
        }),
      );
      await idle();
      expect(sentTexts(graph, phone).join(" ")).toContain("Apple Pay");
      const chatId = (await findContact(server.services.database.db, phone))?.chatId as string;
      const sessions = await listSessions(server.services.database.db, chatId);
      expect(sessions.map((session) => session.flowId)).toEqual(["faq"]);
    } finally {
      await server.services.channels.unbind("whatsapp");
    }
  });
});

describe("a WhatsApp server restart", () => {
  it("answers every message acknowledged before the stop exactly once, in order, after the start", async () => {
    const phone = "491510000001";
    // Slow answers keep the phone's later messages waiting in the inbox when the server stops.
    graph.fail(...Array.from({ length: 4 }, () => ({ kind: "latency" as const, ms: 50 })));
    const questions = [
      "Hi",
      "do you deliver to Porto?",
      "what time do you open on sunday?",
      "/reset",
      "thanks",
    ];
    await deliver(notification({ messages: questions.map((text) => textMessage(phone, text)) }));
    await server.stop();
    const restartedAt = Date.now();
    server = await start(dataDir);
    await idle();
    const replies = graph.messages.filter((request) => request.body.to === phone);
    expect(replies.length).toBeGreaterThanOrEqual(questions.length);
    expect(replies.some((request) => request.receivedAt >= restartedAt)).toBe(true);
    expect(sentTexts(graph, phone).filter((text) => text.includes("afresh"))).toHaveLength(1);
    const rows = await server.services.database.db
      .selectFrom("whatsappInbox")
      .select(["status", "attempts"])
      .where("waId", "=", phone)
      .execute();
    expect(rows.map((row) => [row.status, row.attempts])).toEqual(
      questions.map(() => ["replied", 1]),
    );
  });
});

describe("a server without WhatsApp settings", () => {
  it("says on /ready that the channel is off and which settings are missing, and refuses the webhook", async () => {
    const offDir = await mkdtemp(join(tmpdir(), "switchboard-whatsapp-off-"));
    const off = await start(offDir, {});
    try {
      const ready = (await (await fetch(`${off.url}/ready`)).json()) as { whatsapp: unknown };
      expect(ready.whatsapp).toEqual({
        enabled: false,
        detail:
          "off: WHATSAPP_VERIFY_TOKEN, WHATSAPP_APP_SECRET, WHATSAPP_ACCESS_TOKEN, WHATSAPP_PHONE_NUMBER_ID not set",
      });
      expect((await fetch(`${off.url}/webhook/whatsapp?hub.mode=subscribe`)).status).toBe(503);
      const response = await fetch(`${off.url}/webhook/whatsapp`, { method: "POST", body: "{}" });
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        code: "unavailable",
        message: expect.stringContaining("off"),
      });
    } finally {
      await off.stop();
      await rm(offDir, { recursive: true, force: true });
    }
  });
});
