import { expect, it } from "bun:test";
import { createChat } from "../../../runtime/src/conversations/chats.repository.ts";
import {
  findContact,
  findContactByChat,
  rememberContact,
  setContactChat,
} from "../../../runtime/src/whatsapp/whatsapp-contacts.repository.ts";
import {
  acceptIncoming,
  countIncomingByStatus,
  findIncoming,
  finishIncoming,
  listUnfinishedIncoming,
  type NewIncoming,
  recordReadReceipt,
  startIncoming,
} from "../../../runtime/src/whatsapp/whatsapp-inbox.repository.ts";
import {
  listDeliveries,
  listOutgoing,
  listTurnOutgoing,
  listUnsentOutgoing,
  markOutgoingFailed,
  markSending,
  markSent,
  noteOutgoingRetry,
  queueOutgoing,
  recordDeliveries,
} from "../../../runtime/src/whatsapp/whatsapp-outbox.repository.ts";
import { describeEachDialect, useTestStore } from "../db/test-database.ts";

const incoming = (wamid: string, text = "Hi"): NewIncoming => ({
  wamid,
  waId: "16505551234",
  phoneNumberId: "106540352242922",
  profileName: "Ana",
  type: "text",
  message: { type: "text", text },
  timestamp: 1_700_000_000,
});

describeEachDialect("the WhatsApp inbox", (dialect) => {
  const test = useTestStore(dialect);

  it("stores each message once, returning only the ones new to it, in order", async () => {
    const { db } = test.database();
    const first = await acceptIncoming(db, [incoming("wamid.1"), incoming("wamid.2")]);
    expect(first.map((row) => row.wamid)).toEqual(["wamid.1", "wamid.2"]);
    const again = await acceptIncoming(db, [
      incoming("wamid.2"),
      incoming("wamid.3"),
      incoming("wamid.3"),
    ]);
    expect(again.map((row) => row.wamid)).toEqual(["wamid.3"]);
    expect(await findIncoming(db, "wamid.1")).toMatchObject({
      waId: "16505551234",
      profileName: "Ana",
      status: "received",
      sentAt: "2023-11-14T22:13:20.000Z",
      attempts: 0,
    });
    expect(JSON.parse((await findIncoming(db, "wamid.1"))?.message ?? "")).toEqual({
      type: "text",
      text: "Hi",
    });
  });

  it("follows a message from received through processing to its outcome", async () => {
    const { db } = test.database();
    await acceptIncoming(db, [incoming("wamid.1"), incoming("wamid.2"), incoming("wamid.3")]);
    await startIncoming(db, ["wamid.1", "wamid.2"], "turn-1");
    await recordReadReceipt(db, "wamid.1", {});
    await recordReadReceipt(db, "wamid.2", { error: "#100 Invalid parameter (HTTP 400)" });
    await finishIncoming(db, ["wamid.1"], { status: "replied" });
    expect(await findIncoming(db, "wamid.1")).toMatchObject({
      status: "replied",
      turnId: "turn-1",
      attempts: 1,
      readAt: expect.any(String),
      finishedAt: expect.any(String),
    });
    expect(await findIncoming(db, "wamid.2")).toMatchObject({
      status: "processing",
      readError: expect.stringContaining("#100"),
    });
    expect((await listUnfinishedIncoming(db)).map((row) => [row.wamid, row.status])).toEqual([
      ["wamid.2", "processing"],
      ["wamid.3", "received"],
    ]);
    expect(await countIncomingByStatus(db)).toEqual({ replied: 1, processing: 1, received: 1 });
  });
});

describeEachDialect("the WhatsApp outbox", (dialect) => {
  const test = useTestStore(dialect);
  const body = (text: string) => ({ type: "text", text: { body: text } });

  it("queues a turn's messages in order and records each outcome", async () => {
    const { db } = test.database();
    const [one, two, three] = await queueOutgoing(db, [
      { turnId: "t1", chatId: null, waId: "1555", body: body("one") },
      { turnId: "t1", chatId: null, waId: "1555", body: body("two") },
      { turnId: "t1", chatId: null, waId: "1555", body: body("three") },
    ]);
    if (!one || !two || !three) throw new Error("three rows expected");
    await markSending(db, one.id);
    await noteOutgoingRetry(db, one.id, {
      attempt: 1,
      code: 130429,
      error: "#130429 Rate limit hit",
    });
    await markSent(db, one.id, { wamid: "wamid.out1", attempts: 2 });
    await markOutgoingFailed(db, [two.id], {
      attempts: 1,
      code: 131047,
      error: "#131047 Re-engagement message",
    });
    const rows = await listTurnOutgoing(db, "t1");
    expect(
      rows.map((row) => [row.position, row.status, row.wamid, row.attempts, row.errorCode]),
    ).toEqual([
      [0, "sent", "wamid.out1", 2, null],
      [1, "failed", null, 1, 131047],
      [2, "queued", null, 0, null],
    ]);
    expect(JSON.parse(rows[0]?.body ?? "")).toEqual(body("one"));
    expect((await listUnsentOutgoing(db)).map((row) => row.id)).toEqual([three.id]);
  });

  it("moves a sent message's delivery forward only, keeping every status once", async () => {
    const { db } = test.database();
    const [row] = await queueOutgoing(db, [
      { turnId: null, chatId: null, waId: "1555", body: body("x") },
    ]);
    if (!row) throw new Error("a row expected");
    await markSent(db, row.id, { wamid: "wamid.out", attempts: 1 });
    const update = (status: "sent" | "delivered" | "read", timestamp: number) => ({
      wamid: "wamid.out",
      status,
      recipientId: "1555",
      timestamp,
      errors: [],
    });
    await recordDeliveries(db, [update("delivered", 1_700_000_002), update("sent", 1_700_000_001)]);
    await recordDeliveries(db, [update("read", 1_700_000_003), update("read", 1_700_000_003)]);
    await recordDeliveries(db, [update("delivered", 1_700_000_002)]);
    const [stored] = await listOutgoing(db, "1555");
    expect(stored).toMatchObject({
      delivery: "read",
      deliveryAt: "2023-11-14T22:13:23.000Z",
      status: "sent",
    });
    expect((await listDeliveries(db, "wamid.out")).map((entry) => entry.status)).toEqual([
      "sent",
      "delivered",
      "read",
    ]);
  });

  it("records a failed delivery as the message's outcome, and a status that came before the id", async () => {
    const { db } = test.database();
    const [early, late] = await queueOutgoing(db, [
      { turnId: null, chatId: null, waId: "1555", body: body("x") },
      { turnId: null, chatId: null, waId: "1555", body: body("y") },
    ]);
    if (!early || !late) throw new Error("two rows expected");
    await recordDeliveries(db, [
      {
        wamid: "wamid.early",
        status: "delivered",
        recipientId: "1555",
        timestamp: 1_700_000_000,
        errors: [],
      },
    ]);
    await markSent(db, early.id, { wamid: "wamid.early", attempts: 1 });
    await markSent(db, late.id, { wamid: "wamid.late", attempts: 1 });
    await recordDeliveries(db, [
      {
        wamid: "wamid.late",
        status: "failed",
        recipientId: "1555",
        timestamp: 1_700_000_000,
        errors: [
          {
            code: 131047,
            title: "Re-engagement message",
            details: "More than 24 hours have passed.",
          },
        ],
      },
    ]);
    const rows = await db.selectFrom("whatsappOutbox").selectAll().orderBy("position").execute();
    expect(rows.map((row) => [row.delivery, row.status, row.errorCode, row.error])).toEqual([
      ["delivered", "sent", null, null],
      [
        "failed",
        "failed",
        131047,
        "#131047 Re-engagement message: More than 24 hours have passed.",
      ],
    ]);
  });
});

describeEachDialect("WhatsApp contacts", (dialect) => {
  const test = useTestStore(dialect);

  it("remembers a phone's profile name and its chat", async () => {
    const { db } = test.database();
    expect(await rememberContact(db, "1555", "Ana")).toMatchObject({
      waId: "1555",
      profileName: "Ana",
      chatId: null,
    });
    const chat = await createChat(db, { userId: "whatsapp_1555", channel: "whatsapp" });
    await setContactChat(db, "1555", chat.id);
    expect(await rememberContact(db, "1555", null)).toMatchObject({
      profileName: "Ana",
      chatId: chat.id,
    });
    expect(await rememberContact(db, "1555", "Ana Lima")).toMatchObject({
      profileName: "Ana Lima",
    });
    expect(await findContactByChat(db, chat.id)).toMatchObject({ waId: "1555" });
    expect(await findContact(db, "1666")).toBeUndefined();
  });
});
