import { expect, it } from "bun:test";
import type { Chat } from "../../../runtime/src/conversations/chat.table.ts";
import { inTransaction } from "../../../runtime/src/db/in-transaction.ts";
import { preparedQuery } from "../../../runtime/src/db/prepared-query.ts";
import { describeEachDialect, useTestStore } from "./test-database.ts";

const chat = (id: string, userId = "u1", title: string | null = null): Chat => ({
  id,
  userId,
  channel: "web",
  title,
  preview: null,
  messageCount: 0,
  createdAt: "2026-01-01T12:00:00.000Z",
  updatedAt: "2026-01-01T12:00:00.000Z",
});

// Shared by both dialects' tests, as the runtime's queries are shared by SQLite and PostgreSQL.
const insertChats = preparedQuery((db, chats: Chat[]) => db.insertInto("chats").values(chats));
const chatsOf = preparedQuery((db, { userId, title }: { userId: string; title?: string }) => {
  let query = db.selectFrom("chats").select("id").where("userId", "=", userId).orderBy("id");
  if (title !== undefined) query = query.where("title", "=", title);
  return query;
});
const chatById = preparedQuery((db, { id }: { id: unknown }) =>
  db
    .selectFrom("chats")
    .select("id")
    .where("id", "=", id as string),
);

describeEachDialect("preparedQuery", (dialect) => {
  const test = useTestStore(dialect);

  it("runs with each call's own values, whatever the rows and values of the first call", async () => {
    const { db } = test.database();
    await insertChats(db, [chat("a")]);
    await insertChats(db, [chat("b", "u2", "Battery"), chat("c", "u2"), chat("d", "u3")]);
    expect(await chatsOf(db, { userId: "u1" })).toEqual([{ id: "a" }]);
    expect(await chatsOf(db, { userId: "u2" })).toEqual([{ id: "b" }, { id: "c" }]);
    // A value given where it was missing before is a query of another shape.
    expect(await chatsOf(db, { userId: "u2", title: "Battery" })).toEqual([{ id: "b" }]);
    expect(await chatsOf(db, { userId: "u2", title: "Range" })).toEqual([]);
  });

  it("runs inside a transaction, which a rollback undoes", async () => {
    const { db } = test.database();
    await inTransaction(db, async (trx) => {
      await insertChats(trx, [chat("kept")]);
      expect(await chatsOf(trx, { userId: "u1" })).toEqual([{ id: "kept" }]);
    });
    await db
      .transaction()
      .execute(async (trx) => {
        await insertChats(trx, [chat("undone")]);
        throw new Error("roll back");
      })
      .catch(() => {});
    expect(await chatsOf(db, { userId: "u1" })).toEqual([{ id: "kept" }]);
  });

  it("refuses an object given as one value, naming it", async () => {
    const { db } = test.database();
    await expect(chatById(db, { id: { nested: "x" } })).rejects.toThrow(
      'A prepared query was given an object or array as one value, at "id"; pass it serialized.',
    );
  });
});
