import { afterEach, beforeEach, expect, it } from "bun:test";
import { sql } from "kysely";
import type { ChatNotice } from "../../../runtime/src/conversations/conversation-events.ts";
import { PostgresEventHub } from "../../../runtime/src/conversations/postgres-event-hub.ts";
import type { Database } from "../../../runtime/src/db/database.ts";
import {
  connectToPostgres,
  createTestStore,
  describeEachDialect,
  POSTGRES_URL,
  type TestStore,
} from "../db/test-database.ts";

/** What one hub's subscriber to a chat received, in order. */
function listen(hub: PostgresEventHub, chatId: string): ChatNotice[] {
  const received: ChatNotice[] = [];
  hub.subscribe(chatId, (event) => received.push(event));
  return received;
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await Bun.sleep(10);
  }
}

const agentMessage = (content: string, chatId = "chat-1"): ChatNotice => ({
  type: "agent_message",
  chatId,
  messageId: crypto.randomUUID(),
  content,
  agent: "sam",
});

describeEachDialect("PostgresEventHub", () => {
  let store: TestStore;
  let database: Database;
  let channel: string;
  const hubs: PostgresEventHub[] = [];
  /** A hub as one runtime process has it, on this test's own channel. */
  const startHub = async (applicationName = `${channel}_hub`) => {
    const hub = await PostgresEventHub.start({
      connectionString: POSTGRES_URL,
      db: database.db,
      channel,
      applicationName,
    });
    hubs.push(hub);
    return hub;
  };

  beforeEach(async () => {
    store = createTestStore("postgres");
    database = await store.open();
    channel = `${store.schema}_events`;
  });

  afterEach(async () => {
    await Promise.all(hubs.splice(0).map((hub) => hub.close()));
    await store.dispose();
  });

  it("delivers an event to every process's subscribers, once each", async () => {
    const [a, b] = [await startHub(), await startHub()];
    const [atA, atB, elsewhere] = [listen(a, "chat-1"), listen(b, "chat-1"), listen(b, "chat-2")];
    const event = agentMessage("Hi, this is Sam.");
    a.publish("chat-1", event);
    expect(atA).toEqual([event]);
    await until(() => atB.length > 0);
    // A's own notification has come back to it by the time B has its copy; it was dropped.
    await Bun.sleep(50);
    expect(atA).toEqual([event]);
    expect(atB).toEqual([event]);
    expect(elsewhere).toEqual([]);
  });

  it("keeps a chat's events in the order published, a large one whole", async () => {
    const [a, b] = [await startHub(), await startHub()];
    const atB = listen(b, "chat-1");
    // Past PostgreSQL's 8,000-byte payload limit, in characters of 1 to 4 bytes.
    const large = "Grüße aus Köln, 東京 und 🚲 — ".repeat(500);
    expect(Buffer.byteLength(large)).toBeGreaterThan(8_000 * 2);
    const events = [
      agentMessage("first"),
      agentMessage(large),
      agentMessage("third"),
      { type: "handed_back", chatId: "chat-1", handoffId: "handoff-1", replies: [] },
    ] satisfies ChatNotice[];
    for (const event of events) a.publish("chat-1", event);
    await until(() => atB.length === events.length);
    expect(atB).toEqual(events);
  });

  it("gets its listening connection back after losing it", async () => {
    const a = await startHub();
    const b = await startHub(`${channel}_cut`);
    const atB = listen(b, "chat-1");
    const admin = connectToPostgres();
    try {
      await sql`select pg_terminate_backend(pid) from pg_stat_activity
          where application_name = ${`${channel}_cut`}`.execute(admin);
    } finally {
      await admin.destroy();
    }
    // Events sent while B reconnects are missed; once it listens again they arrive.
    await until(() => {
      a.publish("chat-1", agentMessage("are you there?"));
      return atB.length > 0;
    }, 10_000);
    expect(atB[0]).toMatchObject({ content: "are you there?" });
  });

  it("fails to start when the server can't be reached", async () => {
    await expect(
      PostgresEventHub.start({
        connectionString: "postgres://postgres@127.0.0.1:1/test",
        db: database.db,
      }),
    ).rejects.toThrow();
  });
}, ["postgres"]);
