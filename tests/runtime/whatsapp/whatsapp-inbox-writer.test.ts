import { expect, it } from "bun:test";
import { createChat } from "../../../runtime/src/conversations/chats.repository.ts";
import {
  findIncoming,
  type NewIncoming,
} from "../../../runtime/src/whatsapp/whatsapp-inbox.repository.ts";
import { createInboxWriter } from "../../../runtime/src/whatsapp/whatsapp-inbox-writer.ts";
import {
  listOutgoing,
  markSent,
  queueOutgoing,
} from "../../../runtime/src/whatsapp/whatsapp-outbox.repository.ts";
import { describeEachDialect, useTestStore } from "../db/test-database.ts";

const incoming = (wamid: string): NewIncoming => ({
  wamid,
  waId: "1555",
  phoneNumberId: "106540352242922",
  profileName: null,
  type: "text",
  message: { type: "text", text: "Hi" },
  timestamp: 1_700_000_000,
});

describeEachDialect("createInboxWriter", (dialect) => {
  const test = useTestStore(dialect);

  it("stores each message once and records status updates", async () => {
    const database = test.database();
    const writer = await createInboxWriter(database);
    expect(
      (await writer.accept([incoming("wamid.a"), incoming("wamid.b")])).map((row) => row.wamid),
    ).toEqual(["wamid.a", "wamid.b"]);
    expect(
      (await writer.accept([incoming("wamid.b"), incoming("wamid.c")])).map((row) => row.wamid),
    ).toEqual(["wamid.c"]);
    expect(await findIncoming(database.db, "wamid.a")).toMatchObject({
      status: "received",
      waId: "1555",
    });
    const [row] = await queueOutgoing(database.db, [
      { turnId: null, chatId: null, waId: "1555", body: {} },
    ]);
    await markSent(database.db, row?.id as string, { wamid: "wamid.out", attempts: 1 });
    await writer.recordDeliveries([
      {
        wamid: "wamid.out",
        status: "read",
        recipientId: "1555",
        timestamp: 1_700_000_001,
        errors: [],
      },
    ]);
    expect(await listOutgoing(database.db, "1555")).toMatchObject([{ delivery: "read" }]);
    writer.close();
  });

  it("waits for a transaction of the main connection to end instead of failing or blocking", async () => {
    const database = test.database();
    const writer = await createInboxWriter(database);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let begun = () => {};
    const inside = new Promise<void>((resolve) => {
      begun = resolve;
    });
    const transaction = database.db.transaction().execute(async (trx) => {
      await createChat(trx, { userId: "u1", channel: "whatsapp" });
      begun();
      await held;
    });
    await inside;
    const accepted = writer.accept([incoming("wamid.during")]);
    let settled = false;
    void accepted.then(() => {
      settled = true;
    });
    await Bun.sleep(20);
    // On SQLite the write waits for the transaction to end; on PostgreSQL nothing stands in its way.
    if (dialect === "sqlite") expect(settled).toBe(false);
    release();
    await transaction;
    expect((await accepted).map((row) => row.wamid)).toEqual(["wamid.during"]);
    writer.close();
  });
});
