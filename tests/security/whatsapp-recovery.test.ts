import { expect, it } from "bun:test";
import { listMessages } from "../../runtime/src/conversations/messages.repository.ts";
import { findContact } from "../../runtime/src/whatsapp/whatsapp-contacts.repository.ts";
import { listIncoming } from "../../runtime/src/whatsapp/whatsapp-inbox.repository.ts";
import { listOutgoing } from "../../runtime/src/whatsapp/whatsapp-outbox.repository.ts";
import type { TestServer } from "../runtime/server/test-server.ts";
import { sentTexts } from "../runtime/whatsapp/channel-harness.ts";
import { describeServedRuntime } from "./served-runtime.ts";
import { postTexts, servedGraph } from "./served-whatsapp.ts";

const { graph, env } = servedGraph();

/** Puts a phone's last message back as a `kill -9` right after its turn's commit leaves it. */
async function crashAfterCommit(server: TestServer, phone: string, keepReplies: boolean) {
  const { db } = server.running.services.database;
  const [last] = (await listIncoming(db, phone)).slice(-1);
  if (!last?.turnId) throw new Error("no answered message");
  await db
    .updateTable("whatsappInbox")
    .set({ status: "processing", finishedAt: null })
    .where("wamid", "=", last.wamid)
    .execute();
  const outbox = db.updateTable("whatsappOutbox").where("turnId", "=", last.turnId);
  if (keepReplies) await outbox.set({ status: "queued", wamid: null }).execute();
  else await db.deleteFrom("whatsappOutbox").where("turnId", "=", last.turnId).execute();
}

/** Leaves a phone's last message as a `kill -9` mid-turn does: its message stored, nothing after. */
async function crashMidTurn(server: TestServer, phone: string) {
  const { db } = server.running.services.database;
  const [last] = (await listIncoming(db, phone)).slice(-1);
  const chatId = last?.chatId;
  if (!last?.turnId || !chatId) throw new Error("no answered message");
  await db
    .updateTable("whatsappInbox")
    .set({ status: "processing", finishedAt: null, chatId: null })
    .where("wamid", "=", last.wamid)
    .execute();
  await db.deleteFrom("whatsappOutbox").where("turnId", "=", last.turnId).execute();
  await db
    .deleteFrom("chatMessages")
    .where("chatId", "=", chatId)
    .where("role", "!=", "user")
    .execute();
  await db.deleteFrom("runs").where("chatId", "=", chatId).execute();
}

async function userMessages(server: TestServer, phone: string): Promise<string[]> {
  const { db } = server.running.services.database;
  const contact = await findContact(db, phone);
  const transcript = await listMessages(db, contact?.chatId ?? "", { limit: 200 });
  return transcript.filter((message) => message.role === "user").map((m) => m.content);
}

describeServedRuntime(
  "WhatsApp recovery after a crash",
  {},
  (served) => {
    it("queues a turn's replies in the turn's commit, and resumes sending them without running it again", async () => {
      const server = served();
      const phone = "15551230004";
      await postTexts(server, phone, ["Hi!"]);
      const { db } = server.running.services.database;
      const [row] = await listIncoming(db, phone);
      // The inbox row names its chat and the outbox holds the turn's replies, written together.
      expect(row?.chatId).not.toBeNull();
      const replies = (await listOutgoing(db, phone)).filter((out) => out.turnId === row?.turnId);
      expect(replies.length).toBeGreaterThan(0);
      const sentBefore = sentTexts(graph, phone).length;

      await crashAfterCommit(server, phone, true);
      await server.running.services.whatsapp.channel?.recover();
      await server.running.services.whatsapp.channel?.idle();
      expect(await userMessages(server, phone)).toEqual(["Hi!"]);
      expect(sentTexts(graph, phone).length).toBe(sentBefore + replies.length);
      expect((await listIncoming(db, phone)).map((r) => r.status)).toEqual(["replied"]);
    });

    it("runs a turn cut short by a crash again, storing its message once", async () => {
      const server = served();
      const phone = "15551230006";
      await postTexts(server, phone, ["Hi!"]);
      const sentBefore = sentTexts(graph, phone).length;
      await crashMidTurn(server, phone);
      await server.running.services.whatsapp.channel?.recover();
      await server.running.services.whatsapp.channel?.idle();
      expect(await userMessages(server, phone)).toEqual(["Hi!"]);
      expect(sentTexts(graph, phone).length).toBeGreaterThan(sentBefore);
      const { db } = server.running.services.database;
      expect((await listIncoming(db, phone)).map((r) => r.status)).toEqual(["replied"]);
    });

    it("never runs a committed turn again, even one that left nothing to send", async () => {
      const server = served();
      const phone = "15551230005";
      await postTexts(server, phone, ["Hi!"]);
      const sentBefore = sentTexts(graph, phone).length;
      await crashAfterCommit(server, phone, false);
      await server.running.services.whatsapp.channel?.recover();
      await server.running.services.whatsapp.channel?.idle();
      expect(await userMessages(server, phone)).toEqual(["Hi!"]);
      expect(sentTexts(graph, phone).length).toBe(sentBefore);
      const { db } = server.running.services.database;
      expect((await listIncoming(db, phone)).map((r) => r.status)).toEqual(["replied"]);
    });
  },
  env,
);
