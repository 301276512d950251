import { afterAll, beforeAll, expect, it } from "bun:test";
import { sql } from "kysely";
import type { AnalyticsReport } from "../../../runtime/src/analytics/analytics-report.ts";
import type { DialectName } from "../../../runtime/src/db/database.ts";
import { createTestApp, type TestApp } from "../api/test-app.ts";
import { connectToPostgres, describeEachDialect, POSTGRES_URL } from "../db/test-database.ts";
import { seedConversations } from "./analytics-seed.ts";

/** A PostgreSQL database of the test's own: the app migrates and serves it as a fresh install. */
async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `sb_analytics_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const server = connectToPostgres();
  await sql`create database ${sql.id(name)}`.execute(server);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(server);
      await server.destroy();
    },
  };
}

describeEachDialect("analytics over seeded conversations", (dialect: DialectName) => {
  let api: TestApp;
  let postgres: Awaited<ReturnType<typeof createPostgresDatabase>> | undefined;

  beforeAll(async () => {
    if (dialect === "postgres") postgres = await createPostgresDatabase();
    api = await createTestApp(postgres ? { DATABASE_URL: postgres.url } : {});
    await seedConversations(api.services.database.db);
  }, 30_000);

  afterAll(async () => {
    await api?.close();
    await postgres?.drop();
  }, 30_000);

  const report = async (query: string) => {
    const { status, body } = await api.call("GET", `/api/analytics?${query}`);
    expect({ status, body }).toMatchObject({ status: 200 });
    return body as AnalyticsReport;
  };
  const conversations = async (query: string) => {
    const { status, body } = await api.call("GET", `/api/conversations?${query}`);
    expect({ status, body }).toMatchObject({ status: 200 });
    return (body as { id: string }[]).map((chat) => chat.id).sort();
  };
  const RANGE = "from=2026-03-02&to=2026-03-03";

  it("counts every flow's conversations, rates, turns and feedback over the days", async () => {
    const { totals, topIntents, unanswered } = await report(RANGE);
    expect(totals).toEqual({
      conversations: 5,
      contained: 4,
      containmentRate: 0.8,
      handedOff: 1,
      handoffRate: 0.2,
      turns: 10,
      fallbacks: 2,
      fallbackRate: 0.2,
      noAnswers: 1,
      noAnswerRate: 0.1,
      turnsPerConversation: 2,
      ratings: 3,
      averageScore: 1 / 3,
      positive: 2,
      negative: 1,
    });
    expect(topIntents).toEqual([
      { intent: "question", turns: 3 },
      { intent: "buy", turns: 1 },
      { intent: "greeting", turns: 1 },
      { intent: "human", turns: 1 },
    ]);
    expect(unanswered).toEqual([
      { question: "what is the meaning of life?", turns: 2 },
      { question: "do you ship to mars?", turns: 1 },
    ]);
  });

  it("breaks the figures down by day, with every day of the range", async () => {
    const { days } = await report("from=2026-03-01&to=2026-03-04");
    expect(
      days.map((day) => [day.day, day.conversations, day.handedOff, day.turns, day.fallbacks]),
    ).toEqual([
      ["2026-03-01", 0, 0, 0, 0],
      ["2026-03-02", 2, 1, 5, 1],
      ["2026-03-03", 3, 0, 5, 1],
      ["2026-03-04", 0, 0, 0, 0],
    ]);
    expect(days[0]?.handoffRate).toBeNull();
    expect(days[1]).toMatchObject({ noAnswers: 1, noAnswerRate: 0.2, ratings: 2, averageScore: 0 });
  });

  it("narrows to one flow and compares two of its versions", async () => {
    expect((await report(`${RANGE}&flow_id=support`)).totals).toMatchObject({
      conversations: 4,
      handoffRate: 0.25,
      turns: 8,
      fallbackRate: 0.25,
      noAnswerRate: 0.125,
    });
    const [v1, v2] = await Promise.all([
      report(`${RANGE}&flow_id=support&flow_version=1`),
      report(`${RANGE}&flow_id=support&flow_version=2`),
    ]);
    expect(v1.totals).toMatchObject({
      conversations: 2,
      handoffRate: 0.5,
      turns: 5,
      fallbackRate: 0.2,
      noAnswerRate: 0.2,
      turnsPerConversation: 2.5,
      averageScore: 0,
    });
    expect(v2.totals).toMatchObject({
      conversations: 2,
      handoffRate: 0,
      containmentRate: 1,
      turns: 3,
      fallbackRate: 1 / 3,
      noAnswerRate: 0,
      turnsPerConversation: 1.5,
      averageScore: 1,
    });
    expect(v2.unanswered).toEqual([{ question: "what is the meaning of life?", turns: 1 }]);
  });

  it("lists the conversations behind each figure", async () => {
    expect(await conversations(RANGE)).toEqual([
      "chat-ana",
      "chat-bo",
      "chat-cy",
      "chat-di",
      "chat-ed",
    ]);
    expect(await conversations(`${RANGE}&figure=handoff`)).toEqual(["chat-bo"]);
    expect(await conversations(`${RANGE}&figure=contained`)).toEqual([
      "chat-ana",
      "chat-cy",
      "chat-di",
      "chat-ed",
    ]);
    expect(await conversations(`${RANGE}&figure=fallback`)).toEqual(["chat-ana", "chat-cy"]);
    expect(await conversations(`${RANGE}&figure=no_answer`)).toEqual(["chat-bo"]);
    expect(await conversations(`${RANGE}&figure=rated`)).toEqual([
      "chat-ana",
      "chat-bo",
      "chat-di",
    ]);
    expect(await conversations(`${RANGE}&intent=question`)).toEqual([
      "chat-ana",
      "chat-bo",
      "chat-di",
    ]);
    expect(
      await conversations(
        `${RANGE}&question=${encodeURIComponent("what is the meaning of life?")}`,
      ),
    ).toEqual(["chat-ana", "chat-cy"]);
    expect(await conversations(`${RANGE}&flow_id=support&flow_version=2&figure=fallback`)).toEqual([
      "chat-cy",
    ]);
    expect(await conversations("from=2026-03-10&to=2026-03-10&figure=handoff")).toEqual([
      "chat-later",
    ]);
  });

  it("refuses a bad range or filter, naming the problem", async () => {
    const problems = {
      "/api/analytics?from=2026-03-02": "to",
      "/api/analytics?from=2026-02-30&to=2026-03-02": "from (2026-02-30) is no day",
      "/api/analytics?from=2026-03-05&to=2026-03-02": "is before from",
      "/api/analytics?from=2024-01-01&to=2026-03-02": "at most 366 days",
      "/api/analytics?from=2026-03-02&to=2026-03-03&flow_version=1": "flow_version needs flow_id",
      "/api/conversations?figure=handoff": "needs the days",
      "/api/conversations?from=2026-03-02": "from and to go together",
      [`/api/conversations?${RANGE}&figure=handoff&intent=buy`]:
        "one of figure, intent and question",
      [`/api/conversations?${RANGE}&figure=everything`]: "figure",
    };
    for (const [path, problem] of Object.entries(problems)) {
      const { status, body } = await api.call("GET", path);
      expect({ path, status, message: (body as { message: string }).message }).toMatchObject({
        path,
        status: 400,
        message: expect.stringContaining(problem),
      });
    }
  });
});
