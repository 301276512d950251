import { afterAll, beforeEach, describe, expect, it } from "bun:test";
import { findContact } from "../../../runtime/src/whatsapp/whatsapp-contacts.repository.ts";
import {
  countIncomingByStatus,
  findIncoming,
  listIncoming,
} from "../../../runtime/src/whatsapp/whatsapp-inbox.repository.ts";
import { listOutgoing } from "../../../runtime/src/whatsapp/whatsapp-outbox.repository.ts";
import { startWhatsAppGraph } from "../../stand-ins/whatsapp-graph.ts";
import { useTestStore } from "../db/test-database.ts";
import {
  ACCESS_TOKEN,
  openChannel,
  post,
  scriptedConversations,
  sentTexts,
} from "./channel-harness.ts";
import {
  BUSINESS_PHONE_NUMBER_ID,
  buttonReplyMessage,
  fixture,
  fixtureMessage,
  listReplyMessage,
  notification,
  statusUpdate,
  textMessage,
  wamid,
} from "./meta-webhooks.ts";

const ANA = { waId: "16505551234", name: "Ana Lima" };
const graph = startWhatsAppGraph({
  accessToken: ACCESS_TOKEN,
  phoneNumberId: BUSINESS_PHONE_NUMBER_ID,
});
afterAll(() => graph.stop());
beforeEach(() => {
  graph.requests.length = 0;
});

describe("the WhatsApp channel", () => {
  const test = useTestStore("sqlite");

  it("stores a message, acknowledges it, marks it read and replies through the Graph API", async () => {
    const database = test.database();
    const conversations = scriptedConversations(database);
    const channel = openChannel(database, graph, { conversations });
    const message = textMessage(ANA.waId, "Hi there");
    const answer = await post(channel, notification({ contacts: [ANA], messages: [message] }));
    expect(answer).toEqual({ status: 200, accepted: 1 });
    const id = (message as { id: string }).id;
    expect(await findIncoming(database.db, id)).toMatchObject({
      waId: ANA.waId,
      profileName: "Ana Lima",
    });
    await channel.idle();

    expect(graph.reads).toEqual([id]);
    expect(sentTexts(graph, ANA.waId)).toEqual(["You said: Hi there"]);
    expect(graph.messages[0]).toMatchObject({
      version: "v26.0",
      phoneNumberId: BUSINESS_PHONE_NUMBER_ID,
      authorization: `Bearer ${ACCESS_TOKEN}`,
    });
    expect(conversations.turns).toMatchObject([
      {
        waId: ANA.waId,
        userId: `whatsapp_${ANA.waId}`,
        profileName: "Ana Lima",
        chatId: null,
        text: "Hi there",
      },
    ]);
    const contact = await findContact(database.db, ANA.waId);
    expect(contact).toMatchObject({ profileName: "Ana Lima", chatId: expect.any(String) });
    expect(await findIncoming(database.db, id)).toMatchObject({
      status: "replied",
      attempts: 1,
      chatId: contact?.chatId,
      readAt: expect.any(String),
      error: null,
    });
    expect(await listOutgoing(database.db, ANA.waId)).toMatchObject([
      { status: "sent", wamid: graph.messages[0]?.messageId, attempts: 1, chatId: contact?.chatId },
    ]);
  });

  it("reuses the phone's chat for its next messages", async () => {
    const database = test.database();
    const conversations = scriptedConversations(database);
    const channel = openChannel(database, graph, { conversations });
    await post(
      channel,
      notification({ contacts: [ANA], messages: [textMessage(ANA.waId, "one")] }),
    );
    await channel.idle();
    await post(channel, notification({ messages: [textMessage(ANA.waId, "two")] }));
    await channel.idle();
    const [first, second] = conversations.turns;
    expect(second?.chatId).toBe((await findContact(database.db, ANA.waId))?.chatId ?? "");
    expect(first?.chatId).toBeNull();
    expect(second?.profileName).toBe("Ana Lima");
  });

  it("answers a duplicate delivery and Meta's retry of the same message exactly once", async () => {
    const database = test.database();
    const conversations = scriptedConversations(database);
    const channel = openChannel(database, graph, { conversations });
    const body = notification({ contacts: [ANA], messages: [textMessage(ANA.waId, "only once")] });
    const answers = await Promise.all([
      post(channel, body),
      post(channel, body),
      post(channel, body),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    await channel.idle();
    await post(channel, body);
    await channel.idle();
    expect(conversations.turns).toHaveLength(1);
    expect(sentTexts(graph)).toEqual(["You said: only once"]);
  });

  it("refuses a missing or wrong signature with 401 and stores nothing", async () => {
    const database = test.database();
    const channel = openChannel(database, graph);
    const text = JSON.stringify(notification({ messages: [textMessage(ANA.waId, "forged")] }));
    const bytes = new TextEncoder().encode(text);
    expect(await channel.receive(bytes, null)).toMatchObject({ status: 401 });
    expect(await channel.receive(bytes, `sha256=${"0".repeat(64)}`)).toMatchObject({ status: 401 });
    await channel.idle();
    expect(await listIncoming(database.db, ANA.waId)).toEqual([]);
    expect(graph.requests).toEqual([]);
  });

  it("answers 400 to a signed body that is not JSON, and 200 to unknown fields and objects", async () => {
    const database = test.database();
    const channel = openChannel(database, graph);
    expect(await post(channel, '{"object": "whatsapp_business_account", "entry": [')).toMatchObject(
      { status: 400 },
    );
    expect(
      await post(channel, { object: "page", entry: [{ id: "1", time: 1, messaging: [] }] }),
    ).toEqual({
      status: 200,
      accepted: 0,
    });
    const body = notification({
      messages: [{ ...textMessage(ANA.waId, "new fields"), future_field: [1, 2] }],
    });
    expect(await post(channel, { ...body, unknown_top_level: true })).toEqual({
      status: 200,
      accepted: 1,
    });
    await channel.idle();
    expect(sentTexts(graph)).toEqual(["You said: new fields"]);
  });

  it("processes a burst from one phone in order, one turn at a time", async () => {
    const database = test.database();
    const conversations = scriptedConversations(database, async (turn) => {
      await Bun.sleep(5);
      return [{ text: `re: ${turn.text}` }];
    });
    const channel = openChannel(database, graph, { conversations });
    for (const text of ["one", "two", "three", "four"])
      await post(channel, notification({ messages: [textMessage(ANA.waId, text)] }));
    await channel.idle();
    expect(conversations.turns.map((turn) => turn.text)).toEqual(["one", "two", "three", "four"]);
    expect(conversations.maxConcurrentPerPhone).toBe(1);
    expect(sentTexts(graph)).toEqual(["re: one", "re: two", "re: three", "re: four"]);
  });

  it("merges the texts sent while a turn runs into the next turn, when so configured", async () => {
    const database = test.database();
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const conversations = scriptedConversations(database, async (turn) => {
      if (turn.text === "first") await held;
      return [{ text: `re: ${turn.text}` }];
    });
    const channel = openChannel(database, graph, {
      conversations,
      settings: { burstMode: "merge" },
    });
    await post(channel, notification({ messages: [textMessage(ANA.waId, "first")] }));
    await post(
      channel,
      notification({
        messages: ["I mean", "the blue one", "in size M"].map((text) =>
          textMessage(ANA.waId, text),
        ),
      }),
    );
    release();
    await channel.idle();
    expect(conversations.turns.map((turn) => turn.text)).toEqual([
      "first",
      "I mean\nthe blue one\nin size M",
    ]);
    expect(sentTexts(graph)).toEqual(["re: first", "re: I mean\nthe blue one\nin size M"]);
    const rows = await listIncoming(database.db, ANA.waId);
    expect(rows.map((row) => row.status)).toEqual(["replied", "replied", "replied", "replied"]);
    expect(new Set(rows.slice(1).map((row) => row.turnId)).size).toBe(1);
  });

  it("serves many phones in parallel, each in its own order", async () => {
    const database = test.database();
    const conversations = scriptedConversations(database, async (turn) => {
      await Bun.sleep(1);
      return [{ text: `${turn.waId}: ${turn.text}` }];
    });
    const channel = openChannel(database, graph, {
      conversations,
      settings: { maxConcurrentTurns: 4 },
    });
    const phones = Array.from({ length: 25 }, (_, i) => `4477009${String(i).padStart(5, "0")}`);
    await Promise.all(
      [1, 2, 3].map((round) =>
        Promise.all(
          phones.map((phone) =>
            post(channel, notification({ messages: [textMessage(phone, `message ${round}`)] })),
          ),
        ),
      ),
    );
    await channel.idle();
    expect(conversations.maxConcurrentPerPhone).toBe(1);
    expect(conversations.maxConcurrent).toBeGreaterThan(1);
    expect(conversations.maxConcurrent).toBeLessThanOrEqual(4);
    for (const phone of phones)
      expect(sentTexts(graph, phone)).toEqual(
        [1, 2, 3].map((round) => `${phone}: message ${round}`),
      );
    expect(await countIncomingByStatus(database.db)).toEqual({ replied: 75 });
  });

  it("feeds button and list taps into the flow by their id, and a template button by its payload", async () => {
    const database = test.database();
    const conversations = scriptedConversations(database);
    const channel = openChannel(database, graph, { conversations });
    await post(
      channel,
      notification({
        messages: [
          buttonReplyMessage(ANA.waId, {
            id: "What are your opening hours?",
            title: "Opening hours",
          }),
          listReplyMessage(ANA.waId, { id: "returns", title: "Returns", description: "30 days" }),
        ],
      }),
    );
    const template = fixture<{
      entry: { changes: { value: { messages: { from: string; id: string }[] } }[] }[];
    }>("pywa_template_quick_reply_button.json");
    const templateMessage = template.entry[0]?.changes[0]?.value.messages[0];
    if (templateMessage) Object.assign(templateMessage, { from: ANA.waId, id: wamid() });
    await post(channel, template);
    await channel.idle();
    expect(conversations.turns.map((turn) => turn.text)).toEqual([
      "What are your opening hours?",
      "returns",
      "callback_data",
    ]);
  });

  it.each([
    "image",
    "video",
    "document",
    "audio",
    "voice",
    "static_sticker",
    "current_location",
    "contacts",
    "order",
    "unsupported",
    "unsupported_with_type",
    "interactive_message_with_err",
  ])("answers a %s message politely that only text is understood, and records it", async (kind) => {
    const database = test.database();
    const conversations = scriptedConversations(database);
    const channel = openChannel(database, graph, { conversations });
    const { body, id } = fixtureMessage(kind, ANA.waId);
    expect(await post(channel, body)).toEqual({ status: 200, accepted: 1 });
    await channel.idle();
    expect(conversations.turns).toEqual([]);
    expect(sentTexts(graph)).toEqual(["Sorry, I can only read text."]);
    expect(graph.reads).toEqual([id]);
    expect(await findIncoming(database.db, id)).toMatchObject({ status: "replied" });
  });

  it("records reactions as read and ignored, without answering them", async () => {
    const database = test.database();
    const channel = openChannel(database, graph);
    const { body, id } = fixtureMessage("reaction", ANA.waId);
    await post(channel, body);
    await channel.idle();
    expect(sentTexts(graph)).toEqual([]);
    expect(graph.reads).toEqual([id]);
    expect(await findIncoming(database.db, id)).toMatchObject({
      status: "ignored",
      type: "reaction",
    });
  });

  it("resets the conversation on /reset and confirms", async () => {
    const database = test.database();
    const conversations = scriptedConversations(database);
    const channel = openChannel(database, graph, { conversations });
    await post(channel, notification({ messages: [textMessage(ANA.waId, "Hello")] }));
    await channel.idle();
    await post(channel, notification({ messages: [textMessage(ANA.waId, " /RESET ")] }));
    await channel.idle();
    const chatId = (await findContact(database.db, ANA.waId))?.chatId;
    expect(conversations.resets).toEqual([chatId as string]);
    expect(sentTexts(graph)).toEqual(["You said: Hello", "Starting afresh."]);
  });

  it("sends quick replies as reply buttons, and more than three as a list", async () => {
    const database = test.database();
    const conversations = scriptedConversations(database, (turn) => [
      {
        text: "How can I help?",
        quickReplies: Array.from({ length: turn.text === "few" ? 2 : 5 }, (_, i) => ({
          id: `choice ${i}`,
          title: `Choice ${i}`,
        })),
      },
    ]);
    const channel = openChannel(database, graph, { conversations });
    await post(
      channel,
      notification({ messages: [textMessage(ANA.waId, "few"), textMessage(ANA.waId, "many")] }),
    );
    await channel.idle();
    expect(
      graph.messages.map((request) => (request.body.interactive as { type: string }).type),
    ).toEqual(["button", "list"]);
  });

  it("records a permanent Graph API error on the message and stops there", async () => {
    const database = test.database();
    const channel = openChannel(database, graph);
    graph.fail(
      { kind: "latency", ms: 0 },
      {
        kind: "error",
        status: 400,
        code: 131047,
        message: "Re-engagement message",
        details:
          "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
      },
    );
    const message = textMessage(ANA.waId, "late");
    await post(channel, notification({ messages: [message] }));
    await channel.idle();
    const [outgoing] = await listOutgoing(database.db, ANA.waId);
    expect(outgoing).toMatchObject({ status: "failed", errorCode: 131047, attempts: 1 });
    expect(outgoing?.error).toContain("24 hours");
    expect(await findIncoming(database.db, (message as { id: string }).id)).toMatchObject({
      status: "failed",
      error: expect.stringContaining("#131047"),
    });
  });

  it("retries a rate limit and records the attempts", async () => {
    const database = test.database();
    const channel = openChannel(database, graph);
    graph.fail(
      { kind: "latency", ms: 0 },
      { kind: "error", status: 400, code: 130429, message: "(#130429) Rate limit hit" },
      { kind: "error", status: 503, code: 2, message: "Service temporarily unavailable" },
    );
    await post(channel, notification({ messages: [textMessage(ANA.waId, "busy?")] }));
    await channel.idle();
    expect(await listOutgoing(database.db, ANA.waId)).toMatchObject([
      { status: "sent", attempts: 3, error: null, wamid: expect.stringMatching(/^wamid\./) },
    ]);
    expect(sentTexts(graph)).toEqual(["You said: busy?"]);
  });

  it("tells the user something went wrong when the turn fails, and records the failure", async () => {
    const database = test.database();
    const conversations = scriptedConversations(database, () => {
      throw new Error("the model did not answer");
    });
    const channel = openChannel(database, graph, { conversations });
    const message = textMessage(ANA.waId, "Hi");
    await post(channel, notification({ messages: [message] }));
    await channel.idle();
    expect(sentTexts(graph)).toEqual(["Sorry, something went wrong."]);
    expect(await findIncoming(database.db, (message as { id: string }).id)).toMatchObject({
      status: "failed",
      error: "The turn failed: the model did not answer",
    });
  });

  it("records status updates against the sent message", async () => {
    const database = test.database();
    const channel = openChannel(database, graph);
    await post(channel, notification({ messages: [textMessage(ANA.waId, "Hi")] }));
    await channel.idle();
    const sent = graph.messages[0]?.messageId as string;
    await post(channel, notification({ statuses: [statusUpdate(sent, "sent", ANA.waId)] }));
    await post(
      channel,
      notification({
        statuses: [statusUpdate(sent, "delivered", ANA.waId), statusUpdate(sent, "read", ANA.waId)],
      }),
    );
    expect((await listOutgoing(database.db, ANA.waId))[0]).toMatchObject({
      status: "sent",
      delivery: "read",
    });
    const failed = fixture<{ entry: { changes: { value: { statuses: { id: string }[] } }[] }[] }>(
      "pywa_status_failed_130472.json",
    );
    const status = failed.entry[0]?.changes[0]?.value.statuses[0];
    if (status) status.id = sent;
    await post(channel, failed);
    expect((await listOutgoing(database.db, ANA.waId))[0]).toMatchObject({
      status: "failed",
      delivery: "failed",
      errorCode: 130472,
    });
  });

  it("delivers a human agent's message to the phone of the chat", async () => {
    const database = test.database();
    const channel = openChannel(database, graph);
    await post(channel, notification({ messages: [textMessage(ANA.waId, "I need a person")] }));
    await channel.idle();
    const chatId = (await findContact(database.db, ANA.waId))?.chatId as string;
    const agentMessage = { messageId: "chat-message-1", text: "Hi, this is Marta from support." };
    expect(await channel.deliver(chatId, [agentMessage])).toBe(true);
    // Every replica hears the event; the message goes out once.
    expect(await channel.deliver(chatId, [agentMessage])).toBe(true);
    expect(await channel.deliver("not-a-whatsapp-chat", [{ text: "?" }])).toBe(false);
    await channel.idle();
    expect(sentTexts(graph, ANA.waId)).toEqual([
      "You said: I need a person",
      "Hi, this is Marta from support.",
    ]);
  });

  it("refuses webhooks with 503 while draining", async () => {
    const database = test.database();
    const channel = openChannel(database, graph);
    expect(await channel.drain(1_000)).toBe(true);
    expect(
      await post(channel, notification({ messages: [textMessage(ANA.waId, "late")] })),
    ).toMatchObject({
      status: 503,
    });
  });
});
