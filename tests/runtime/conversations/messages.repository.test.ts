import { expect, it } from "bun:test";
import { createChat, findChatById } from "../../../runtime/src/conversations/chats.repository.ts";
import {
  addMessages,
  hasChannelMessage,
  listMessages,
} from "../../../runtime/src/conversations/messages.repository.ts";
import { describeEachDialect, useTestStore } from "../db/test-database.ts";

describeEachDialect("messages.repository", (dialect) => {
  const test = useTestStore(dialect);

  it("keeps messages in order and pages back from the latest", async () => {
    const { db } = test.database();
    const chat = await createChat(db, { userId: "u1", channel: "web" });
    for (let index = 1; index <= 5; index += 1) {
      await addMessages(db, chat.id, [
        { role: index % 2 ? "user" : "assistant", content: `m${index}` },
      ]);
    }
    const latest = await listMessages(db, chat.id, { limit: 2 });
    expect(latest.map((message) => [message.seq, message.content])).toEqual([
      [4, "m4"],
      [5, "m5"],
    ]);
    const earlier = await listMessages(db, chat.id, { limit: 2, before: latest[0]?.seq });
    expect(earlier.map((message) => message.content)).toEqual(["m2", "m3"]);
    expect((await findChatById(db, chat.id))?.preview).toBe("m5");
  });

  it("stores the node path and the channel's message id", async () => {
    const { db } = test.database();
    const chat = await createChat(db, { userId: "u1", channel: "whatsapp" });
    const [reply] = await addMessages(db, chat.id, [
      { role: "user", content: "hi", channelMessageId: "wamid.1" },
      { role: "assistant", content: "Hello!", nodePath: "support/greet", messageId: "reply-1" },
    ]).then((rows) => rows.slice(1));
    expect(reply).toMatchObject({ seq: 2, messageId: "reply-1", nodePath: "support/greet" });
    expect(await hasChannelMessage(db, chat.id, "wamid.1")).toBe(true);
    expect(await hasChannelMessage(db, chat.id, "wamid.2")).toBe(false);
  });

  it("gives concurrent writers to one chat distinct positions", async () => {
    const { db } = test.database();
    const chat = await createChat(db, { userId: "u1", channel: "web" });
    await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        addMessages(db, chat.id, [{ role: "agent", content: `a${index}` }]),
      ),
    );
    const messages = await listMessages(db, chat.id);
    expect(messages.map((message) => message.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
