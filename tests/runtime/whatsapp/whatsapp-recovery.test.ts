import { afterAll, beforeEach, expect, it } from "bun:test";
import { createGraphApiClient } from "../../../runtime/src/whatsapp/graph-api-client.ts";
import { findContact } from "../../../runtime/src/whatsapp/whatsapp-contacts.repository.ts";
import { findIncoming } from "../../../runtime/src/whatsapp/whatsapp-inbox.repository.ts";
import { listOutgoing } from "../../../runtime/src/whatsapp/whatsapp-outbox.repository.ts";
import { startWhatsAppGraph } from "../../stand-ins/whatsapp-graph.ts";
import { describeEachDialect, useTestStore } from "../db/test-database.ts";
import {
  ACCESS_TOKEN,
  openChannel,
  post,
  scriptedConversations,
  sentTexts,
} from "./channel-harness.ts";
import { BUSINESS_PHONE_NUMBER_ID, notification, textMessage } from "./meta-webhooks.ts";

const PHONE = "5511999999999";
const graph = startWhatsAppGraph({
  accessToken: ACCESS_TOKEN,
  phoneNumberId: BUSINESS_PHONE_NUMBER_ID,
});
afterAll(() => graph.stop());
beforeEach(() => {
  graph.requests.length = 0;
});

/** Never settles: the process "crashes" while waiting on it. */
const forever = () => new Promise<never>(() => {});

describeEachDialect("the WhatsApp channel after a crash", (dialect) => {
  const test = useTestStore(dialect);

  it("answers a message acknowledged before the crash exactly once after the restart", async () => {
    const before = test.database();
    const crashed = openChannel(before, graph, {
      conversations: scriptedConversations(before, forever),
    });
    const message = textMessage(PHONE, "Where is my order?");
    expect(
      await post(
        crashed,
        notification({ contacts: [{ waId: PHONE, name: "João" }], messages: [message] }),
      ),
    ).toMatchObject({ status: 200 });
    const id = (message as { id: string }).id;
    await graph.until(() => graph.reads.includes(id));

    const after = await test.store().open();
    const conversations = scriptedConversations(after);
    const restarted = openChannel(after, graph, { conversations });
    expect(await restarted.recover()).toEqual({ incoming: 1, outgoing: 0 });
    await restarted.idle();
    expect(await restarted.recover()).toEqual({ incoming: 0, outgoing: 0 });
    await restarted.idle();

    expect(sentTexts(graph)).toEqual(["You said: Where is my order?"]);
    expect(conversations.turns).toMatchObject([
      { text: "Where is my order?", profileName: "João" },
    ]);
    expect(await findIncoming(after.db, id)).toMatchObject({ status: "replied", attempts: 2 });
  });

  it("sends only what was left unsent when the crash came between two parts of a reply", async () => {
    const before = test.database();
    let requests = 0;
    const crashed = openChannel(before, graph, {
      conversations: scriptedConversations(before, () => [
        { text: "Part one." },
        { text: "Part two." },
      ]),
      graph: createGraphApiClient({
        baseUrl: graph.url,
        version: "v26.0",
        phoneNumberId: BUSINESS_PHONE_NUMBER_ID,
        accessToken: ACCESS_TOKEN,
        // The read receipt and the first part go through; the process dies sending the second.
        fetch: (request) => (++requests <= 2 ? fetch(request) : forever()),
      }),
    });
    const message = textMessage(PHONE, "Tell me everything");
    await post(crashed, notification({ messages: [message] }));
    // Wait for the process to be stuck on the second part, recorded as being sent.
    const statuses = async () => (await listOutgoing(before.db, PHONE)).map((row) => row.status);
    while ((await statuses()).join() !== "sent,sending") await Bun.sleep(2);

    const after = await test.store().open();
    const conversations = scriptedConversations(after);
    const restarted = openChannel(after, graph, { conversations });
    await restarted.recover();
    await restarted.idle();

    expect(conversations.turns).toEqual([]);
    expect(sentTexts(graph)).toEqual(["Part one.", "Part two."]);
    expect((await listOutgoing(after.db, PHONE)).map((row) => row.status)).toEqual([
      "sent",
      "sent",
    ]);
    expect(await findIncoming(after.db, (message as { id: string }).id)).toMatchObject({
      status: "replied",
    });
  });

  it("sends a human agent's message that a crash left queued", async () => {
    const before = test.database();
    const channel = openChannel(before, graph);
    await post(channel, notification({ messages: [textMessage(PHONE, "Hello")] }));
    await channel.idle();
    const chatId = (await findContact(before.db, PHONE))?.chatId as string;
    const crashed = openChannel(before, graph, {
      graph: createGraphApiClient({
        baseUrl: graph.url,
        version: "v26.0",
        phoneNumberId: BUSINESS_PHONE_NUMBER_ID,
        accessToken: ACCESS_TOKEN,
        fetch: forever,
      }),
    });
    await crashed.deliver(chatId, [{ text: "An agent will call you today." }]);

    const after = await test.store().open();
    const restarted = openChannel(after, graph);
    expect(await restarted.recover()).toEqual({ incoming: 0, outgoing: 1 });
    await restarted.idle();
    expect(sentTexts(graph)).toEqual(["You said: Hello", "An agent will call you today."]);
  });
});
