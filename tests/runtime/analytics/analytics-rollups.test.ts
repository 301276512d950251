import { expect, it } from "bun:test";
import type { Kysely } from "kysely";
import { countsByDay } from "../../../runtime/src/analytics/analytics.repository.ts";
import { scopeOfDays } from "../../../runtime/src/conversations/conversation-scope.ts";
import { saveFeedback } from "../../../runtime/src/conversations/feedback.repository.ts";
import { recordRun } from "../../../runtime/src/conversations/runs.repository.ts";
import { backfillAnalyticsRollups } from "../../../runtime/src/db/migrations/2026-12-07T19-40-00-add-analytics-rollups.ts";
import type { Tables } from "../../../runtime/src/db/tables.ts";
import { describeEachDialect, useTestStore } from "../db/test-database.ts";
import { seedConversations } from "./analytics-seed.ts";

const MARCH_2 = scopeOfDays({ from: "2026-03-02", to: "2026-03-02" });

async function firstMessageOf(db: Kysely<Tables>, chatId: string) {
  const message = await db
    .selectFrom("chatMessages")
    .select(["messageId", "sessionId"])
    .where("chatId", "=", chatId)
    .orderBy("seq")
    .executeTakeFirstOrThrow();
  return { messageId: message.messageId, sessionId: message.sessionId ?? "" };
}

/** Every rollup row, in a stable order. */
async function rollups(db: Kysely<Tables>) {
  const rows = async (table: "analyticsDays" | "analyticsIntents" | "analyticsQuestions") =>
    (await db.selectFrom(table).selectAll().execute()).map((row) => JSON.stringify(row)).sort();
  return {
    days: await rows("analyticsDays"),
    intents: await rows("analyticsIntents"),
    questions: await rows("analyticsQuestions"),
  };
}

describeEachDialect("analytics rollups", (dialect) => {
  const test = useTestStore(dialect);

  it("counts a changed rating once, with its new score", async () => {
    const { db } = test.database();
    await seedConversations(db);
    // chat-ana's first turn was rated up; the user changes their mind, twice.
    const { messageId } = await firstMessageOf(db, "chat-ana");
    for (const score of [-1, -1])
      await saveFeedback(db, { messageId, chatId: "chat-ana", score, comment: "not helpful" });
    const [day] = await countsByDay(db, MARCH_2);
    // 2 March: chat-ana's turn, now down, and chat-bo's (down).
    expect(day).toMatchObject({
      day: "2026-03-02",
      ratings: 2,
      scoreSum: -2,
      positive: 0,
      negative: 2,
    });
  });

  it("counts a conversation handed off twice as one handed off", async () => {
    const { db } = test.database();
    await seedConversations(db);
    const { sessionId } = await firstMessageOf(db, "chat-bo");
    await recordRun(db, {
      chatId: "chat-bo",
      threadId: sessionId,
      flowId: "support",
      flowVersion: 1,
      status: "completed",
      error: null,
      durationMs: 5,
      startedAt: "2026-03-02T11:00:00.000Z",
      messageId: null,
      outcome: "handoff",
      intent: "human",
    });
    const [day] = await countsByDay(db, MARCH_2);
    expect(day).toMatchObject({ conversations: 2, handedOff: 1, conversationTurns: 6, turns: 6 });
  });

  it("fills from the detailed tables what the writes counted, as the migration does", async () => {
    const { db } = test.database();
    await seedConversations(db);
    const { messageId } = await firstMessageOf(db, "chat-ana");
    await saveFeedback(db, { messageId, chatId: "chat-ana", score: -1, comment: null });
    const written = await rollups(db);
    expect(written.days.length).toBeGreaterThan(0);
    for (const table of ["analyticsDays", "analyticsIntents", "analyticsQuestions"] as const)
      await db.deleteFrom(table).execute();
    await backfillAnalyticsRollups(db.withoutPlugins() as Kysely<unknown>);
    expect(await rollups(db)).toEqual(written);
  });
});
