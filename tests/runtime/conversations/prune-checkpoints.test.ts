import { expect, it } from "bun:test";
import { createChat } from "../../../runtime/src/conversations/chats.repository.ts";
import {
  addMessages,
  listMessages,
} from "../../../runtime/src/conversations/messages.repository.ts";
import { pruneCheckpoints } from "../../../runtime/src/conversations/prune-checkpoints.ts";
import {
  findOrStartSession,
  resetSession,
} from "../../../runtime/src/conversations/sessions.repository.ts";
import { KyselyCheckpointSaver } from "../../../runtime/src/db/kysely-checkpoint-saver.ts";
import { compileTwoStepGraph } from "../db/fixtures/two-step-graph.ts";
import { describeEachDialect, useTestStore } from "../db/test-database.ts";

const days = (count: number) => new Date(Date.UTC(2026, 0, 1) + count * 24 * 60 * 60 * 1000);
const flow = async () => ({ flowId: "support", flowVersion: 1 });

describeEachDialect("pruneCheckpoints", (dialect) => {
  const test = useTestStore(dialect);

  it("deletes the checkpoints of sessions closed before the cut-off and keeps their messages", async () => {
    const { db } = test.database();
    const saver = new KyselyCheckpointSaver(db);
    const graph = compileTwoStepGraph(saver);
    const session = async (startedOn: number) => {
      const chat = await createChat(db, { userId: "u1", channel: "web" }, days(startedOn));
      const started = await findOrStartSession(db, chat.id, flow, days(startedOn));
      await addMessages(db, chat.id, [{ role: "user", content: "hello" }], days(startedOn));
      await graph.invoke({ messages: ["hello"] }, { configurable: { thread_id: started.id } });
      return { chatId: chat.id, threadId: started.id };
    };
    const reset = await session(0);
    await resetSession(db, reset.chatId, days(1));
    const idle = await session(2);
    const recentlyReset = await session(35);
    await resetSession(db, recentlyReset.chatId, days(36));
    const ongoing = await session(40);

    const pruned = await pruneCheckpoints(db, days(30), days(40));
    expect(pruned).toBe(2);
    const hasCheckpoint = async ({ threadId }: { threadId: string }) =>
      (await saver.getTuple({ configurable: { thread_id: threadId } })) !== undefined;
    expect(await hasCheckpoint(reset)).toBe(false);
    expect(await hasCheckpoint(idle)).toBe(false);
    expect(await hasCheckpoint(recentlyReset)).toBe(true);
    expect(await hasCheckpoint(ongoing)).toBe(true);
    expect(
      await db
        .selectFrom("checkpointBlobs")
        .select("threadId")
        .where("threadId", "=", idle.threadId)
        .execute(),
    ).toEqual([]);
    expect(await listMessages(db, reset.chatId)).toHaveLength(1);
    expect(await pruneCheckpoints(db, days(30), days(40))).toBe(0);
  });

  it("leaves an idle session inside its 24-hour window alone, whatever the cut-off", async () => {
    const { db } = test.database();
    const chat = await createChat(db, { userId: "u1", channel: "web" }, days(0));
    const started = await findOrStartSession(db, chat.id, flow, days(0));
    await compileTwoStepGraph(new KyselyCheckpointSaver(db)).invoke(
      { messages: ["hello"] },
      { configurable: { thread_id: started.id } },
    );
    const halfADayLater = new Date(days(0).getTime() + 12 * 60 * 60 * 1000);
    expect(await pruneCheckpoints(db, halfADayLater, halfADayLater)).toBe(0);
  });
});
