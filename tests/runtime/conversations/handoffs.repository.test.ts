import { expect, it } from "bun:test";
import { createChat } from "../../../runtime/src/conversations/chats.repository.ts";
import {
  addAgentReply,
  closeHandoff,
  findPreviousAgent,
  listAgentReplies,
  listOpenHandoffs,
  openHandoff,
  resolveHandoff,
} from "../../../runtime/src/conversations/handoffs.repository.ts";
import { listMessages } from "../../../runtime/src/conversations/messages.repository.ts";
import { describeEachDialect, useTestStore } from "../db/test-database.ts";

describeEachDialect("handoffs.repository", (dialect) => {
  const test = useTestStore(dialect);

  it("takes a handoff from open to answered to closed, the replies in the chat", async () => {
    const { db } = test.database();
    const chat = await createChat(db, { userId: "u1", channel: "web" });
    const handoff = await openHandoff(db, chat.id, "refund over the limit");
    expect(await openHandoff(db, chat.id, "asked again")).toEqual(handoff);

    await addAgentReply(db, handoff.id, { agent: "maria", content: "I'm on it." });
    await addAgentReply(db, handoff.id, { agent: "maria", content: "Refund sent." });
    expect(await listOpenHandoffs(db)).toMatchObject([{ id: handoff.id, status: "answered" }]);
    expect((await listAgentReplies(db, handoff.id)).map((reply) => reply.content)).toEqual([
      "I'm on it.",
      "Refund sent.",
    ]);
    expect(
      (await listMessages(db, chat.id)).map((message) => [message.role, message.content]),
    ).toEqual([
      ["agent", "I'm on it."],
      ["agent", "Refund sent."],
    ]);

    expect(await resolveHandoff(db, handoff.id)).toBe(true);
    expect(await resolveHandoff(db, handoff.id)).toBe(false);
    expect(await listOpenHandoffs(db)).toEqual([]);
    await expect(addAgentReply(db, handoff.id, { agent: "maria", content: "?" })).rejects.toThrow(
      "is closed",
    );
  });

  it("dismisses a handoff, after which the chat can be escalated anew", async () => {
    const { db } = test.database();
    const chat = await createChat(db, { userId: "u1", channel: "web" });
    const first = await openHandoff(db, chat.id);
    expect(await closeHandoff(db, first.id)).toBe(true);
    const second = await openHandoff(db, chat.id, "back again");
    expect(second.id).not.toBe(first.id);
    expect(await listOpenHandoffs(db)).toMatchObject([
      { id: second.id, status: "open", reason: "back again" },
    ]);
  });

  it("tells who wrote the agent's message before one, within its handoff only", async () => {
    const { db } = test.database();
    const chat = await createChat(db, { userId: "u1", channel: "whatsapp" });
    const earlier = await openHandoff(db, chat.id);
    await addAgentReply(db, earlier.id, { agent: "maria", content: "Done." });
    await resolveHandoff(db, earlier.id);
    const handoff = await openHandoff(db, chat.id, "again");
    const first = await addAgentReply(db, handoff.id, { agent: "sam", content: "Sam here." });
    const second = await addAgentReply(db, handoff.id, { agent: "sam", content: "Anything else?" });
    const third = await addAgentReply(db, handoff.id, { agent: "kim", content: "Kim here." });
    expect(await findPreviousAgent(db, first.messageId)).toBeUndefined();
    expect(await findPreviousAgent(db, second.messageId)).toBe("sam");
    expect(await findPreviousAgent(db, third.messageId)).toBe("sam");
    expect(await findPreviousAgent(db, "no-such-message")).toBeUndefined();
  });
});
