import { afterAll, expect, it } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listMessages } from "../../runtime/src/conversations/messages.repository.ts";
import { type Database, openDatabase } from "../../runtime/src/db/database.ts";
import { findContact } from "../../runtime/src/whatsapp/whatsapp-contacts.repository.ts";
import { countIncomingByStatus } from "../../runtime/src/whatsapp/whatsapp-inbox.repository.ts";
import { listOutgoing } from "../../runtime/src/whatsapp/whatsapp-outbox.repository.ts";
import { describeEachDialect } from "../runtime/db/test-database.ts";
import { type ServeProcess, startServeProcess } from "../runtime/scale/serve-process.ts";
import { notification, textMessage } from "../runtime/whatsapp/meta-webhooks.ts";
import { createPostgresDatabase } from "./served-runtime.ts";
import { postSigned, servedGraph } from "./served-whatsapp.ts";

const PHONES = 100;
const QUESTIONS = [
  "what time do you open on sunday?",
  "do you deliver to Porto?",
  "how long is the warranty on the battery?",
];
/** How many replies the Graph API takes before the server is killed: turns are in flight. */
const KILL_AFTER_SENT = 60;
const DEADLINE_MS = 90_000;

const { graph, env } = servedGraph();
const phoneOf = (index: number) => `4479${String(index).padStart(8, "0")}`;

/** A message a phone sends, with the id Meta gives it. */
interface Posted {
  phone: string;
  text: string;
  id: string;
}

/** Posts one message in a signed webhook; whether the server acknowledged it (200). */
async function post(server: ServeProcess, message: Posted): Promise<boolean> {
  try {
    const response = await postSigned(
      server.url,
      notification({
        contacts: [{ waId: message.phone, name: `Phone ${message.phone}` }],
        messages: [textMessage(message.phone, message.text, message.id)],
      }),
    );
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false; // the server died under it
  }
}

/**
 * Posts each phone's messages in order, the phones at once, as Meta does: a phone's message that
 * is not acknowledged stops its phone, and it and the ones after are returned, for Meta to
 * deliver again later.
 */
async function postAll(server: ServeProcess, byPhone: Posted[][], acknowledged: Set<string>) {
  const left = await Promise.all(
    byPhone.map(async (messages) => {
      for (const [position, message] of messages.entries()) {
        if (!(await post(server, message))) return messages.slice(position);
        acknowledged.add(message.id);
      }
      return [];
    }),
  );
  return left.filter((messages) => messages.length > 0);
}

async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + DEADLINE_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`waited ${DEADLINE_MS} ms in vain for ${what}`);
    await Bun.sleep(50);
  }
}

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describeEachDialect("kill -9 of switchboard serve with WhatsApp turns in flight", (dialect) => {
  it("loses nothing acknowledged, stores nothing twice and sends again only what was on its way", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "switchboard-kill-"));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const settings: Record<string, string> = {
      ...env,
      DATA_DIR: dataDir,
      // Three messages from each phone in a moment are not what the rate limit is for here.
      RATE_LIMIT_PER_MINUTE: "100000",
    };
    if (dialect === "postgres") {
      const database = await createPostgresDatabase();
      cleanups.push(() => database.drop());
      settings.DATABASE_URL = database.url;
    }
    const byPhone = Array.from({ length: PHONES }, (_, index) =>
      QUESTIONS.map((text, position) => ({
        phone: phoneOf(index),
        text,
        id: `wamid.KILL${dialect}${String(index * QUESTIONS.length + position).padStart(6, "0")}`,
      })),
    );
    const sentBefore = graph.messages.length;
    const acknowledged = new Set<string>();

    const first = await startServeProcess(settings);
    cleanups.push(async () => {
      first.child.kill("SIGKILL");
      await first.child.exited;
    });
    const posting = postAll(first, byPhone, acknowledged);
    await until(
      () => graph.messages.length - sentBefore >= KILL_AFTER_SENT,
      `${KILL_AFTER_SENT} replies before the kill`,
    );
    first.child.kill("SIGKILL");
    expect(await first.child.exited).not.toBe(0);
    const unposted = await posting;

    const database: Database = await openDatabase(settings.DATABASE_URL, { dataDir });
    cleanups.push(() => database.close());
    const { db } = database;
    // A message the killed server was sending may have reached WhatsApp without its id being
    // stored: the one case where sending it again is right (the Graph API has no idempotency key).
    const inFlightSends = new Set(
      (
        await db.selectFrom("whatsappOutbox").select("id").where("status", "=", "sending").execute()
      ).map((row) => row.id),
    );
    const unfinishedAtKill = await countIncomingByStatus(db);

    const second = await startServeProcess(settings);
    cleanups.push(() => second.stop());
    // Meta delivers again what was not acknowledged.
    expect(await postAll(second, unposted, acknowledged)).toEqual([]);
    expect(acknowledged.size).toBe(PHONES * QUESTIONS.length);
    await until(async () => {
      const counts = await countIncomingByStatus(db);
      return counts.replied === PHONES * QUESTIONS.length;
    }, "every message to be answered");
    await until(
      async () =>
        (
          await db
            .selectFrom("whatsappOutbox")
            .select("id")
            .where("status", "in", ["queued", "sending"])
            .limit(1)
            .execute()
        ).length === 0,
      "every reply to be sent",
    );
    // The kill hit work in flight, or the test proved nothing.
    expect((unfinishedAtKill.received ?? 0) + (unfinishedAtKill.processing ?? 0)).toBeGreaterThan(
      0,
    );
    expect(await countIncomingByStatus(db)).toEqual({ replied: PHONES * QUESTIONS.length });

    const resent: string[] = [];
    for (const [index, messages] of byPhone.entries()) {
      const phone = phoneOf(index);
      const contact = await findContact(db, phone);
      const transcript = await listMessages(db, contact?.chatId ?? "", { limit: 200 });
      // Each message once, in order, each answered once: a turn run twice stores both again.
      expect(transcript.filter((m) => m.role === "user").map((m) => m.content)).toEqual(
        messages.map((message) => message.text),
      );
      const replies = transcript
        .map((m) => m.role)
        .join(" ")
        .split("user")
        .slice(1);
      expect(replies.every((roles) => roles.includes("assistant"))).toBe(true);

      // Every reply reached WhatsApp once, but for one being sent at the kill.
      const outbox = await listOutgoing(db, phone);
      expect(outbox.every((row) => row.status === "sent")).toBe(true);
      const received = graph.messages
        .slice(sentBefore)
        .filter((request) => request.body.to === phone);
      const wamids = new Set(outbox.map((row) => row.wamid));
      for (const request of received) {
        if (wamids.has(request.messageId ?? "")) continue;
        const same = outbox.find(
          (row) => inFlightSends.has(row.id) && row.body === JSON.stringify(request.body),
        );
        expect(
          same,
          `a duplicate message to ${phone}: ${JSON.stringify(request.body)}`,
        ).toBeDefined();
        resent.push(same?.id ?? "");
      }
      expect(received.length - outbox.length).toBe(
        resent.filter((id) => outbox.some((row) => row.id === id)).length,
      );
    }
    expect(new Set(resent).size).toBe(resent.length);
  }, 180_000);
});
