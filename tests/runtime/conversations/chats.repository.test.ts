import { expect, it } from "bun:test";
import {
  createChat,
  findChatById,
  listChats,
  renameChat,
} from "../../../runtime/src/conversations/chats.repository.ts";
import { addMessages } from "../../../runtime/src/conversations/messages.repository.ts";
import { describeEachDialect, useTestStore } from "../db/test-database.ts";

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute));

describeEachDialect("chats.repository", (dialect) => {
  const test = useTestStore(dialect);

  it("lists a user's chats, the most recently active first, a page at a time", async () => {
    const { db } = test.database();
    const first = await createChat(db, { userId: "u1", channel: "web" }, at(0));
    const second = await createChat(db, { userId: "u1", channel: "whatsapp" }, at(1));
    await createChat(db, { userId: "u2", channel: "web" }, at(2));
    await addMessages(db, first.id, [{ role: "user", content: "still there?" }], at(3));

    const page = await listChats(db, { userId: "u1" }, { limit: 1 });
    expect(page.map((chat) => [chat.id, chat.preview])).toEqual([[first.id, "still there?"]]);
    const next = await listChats(db, { userId: "u1" }, { limit: 1, before: page[0]?.updatedAt });
    expect(next.map((chat) => chat.id)).toEqual([second.id]);
  });

  it("renames a chat and says whether there was one", async () => {
    const { db } = test.database();
    const chat = await createChat(db, {
      id: "chat-1",
      userId: "u1",
      channel: "web",
      title: "Hello",
    });
    expect(await renameChat(db, chat.id, "Battery question")).toBe(true);
    expect((await findChatById(db, chat.id))?.title).toBe("Battery question");
    expect(await renameChat(db, "nope", "x")).toBe(false);
    expect(await findChatById(db, "nope")).toBeUndefined();
  });
});
