/**
 * What the analytics screen's queries cost on 1,000,000 messages: 100,000 conversations of five
 * turns over 30 days on three flows of two versions each, with feedback on 5% of the turns. The
 * rollups are filled as the migration fills them (timed). Each query runs several times over the
 * whole month, one flow and one version; the baseline computes the same day counts from the
 * detailed tables (runs, sessions, feedback), as analytics did before the rollups, and must agree
 * with them. Then what the rollups add to a turn's write: user turns (counted) against agents'
 * turns (not counted), alternating. Prints figures only; the target (each query under 200 ms) is
 * read, not asserted.
 *
 * Run: bun run bench:analytics   (PostgreSQL from TEST_DATABASE_URL, skipped when unreachable;
 * BENCH_DIALECTS=sqlite for SQLite alone; BENCH_CONVERSATIONS to change the size)
 */
import { type Kysely, sql } from "kysely";
import {
  countsByDay,
  topIntents,
  topUnanswered,
} from "../../runtime/src/analytics/analytics.repository.ts";
import {
  type ConversationScope,
  scopeOfDays,
} from "../../runtime/src/conversations/conversation-scope.ts";
import { listConversations } from "../../runtime/src/conversations/conversations.repository.ts";
import type { RunOutcome } from "../../runtime/src/conversations/run.table.ts";
import { recordRun } from "../../runtime/src/conversations/runs.repository.ts";
import type { DialectName } from "../../runtime/src/db/database.ts";
import { backfillAnalyticsRollups } from "../../runtime/src/db/migrations/2026-12-07T19-40-00-add-analytics-rollups.ts";
import type { Tables } from "../../runtime/src/db/tables.ts";
import { createTestStore } from "../runtime/db/test-database.ts";
import { countsFromDetailedTables } from "./analytics-detailed.ts";

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);
const TURNS = 5;
const DAYS = 30;
const RUNS = 7;
const BASELINE_RUNS = 3;
/** Turns written per sample of the turn-path cost, and samples of each kind. */
const WRITES = 200;
const WRITE_SAMPLES = 7;
const FLOWS = ["support", "sales", "returns"];
const INTENTS = ["question", "buy", "human", "greeting", "goodbye", "stop", "price", "hours"];
const QUESTIONS = Array.from({ length: 500 }, (_, i) => `Question number ${i} about e-bikes?`);

/** A small deterministic generator (mulberry32), so both dialects get the same data. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function outcomeOf(roll: number, last: boolean): RunOutcome {
  if (last && roll < 0.15) return "handoff";
  if (roll < 0.08) return "fallback";
  if (roll < 0.14) return "no_answer";
  if (roll < 0.16) return "failed";
  return "answered";
}

async function insertBatches<T extends keyof Tables & string>(
  db: Kysely<Tables>,
  table: T,
  rows: Record<string, unknown>[],
) {
  const width = Object.keys(rows[0] ?? {}).length || 1;
  const size = Math.floor(30_000 / width);
  for (let start = 0; start < rows.length; start += size)
    await db
      .insertInto(table)
      .values(rows.slice(start, start + size) as never)
      .execute();
}

/** Writes the conversations, a few thousand per transaction. */
async function generate(db: Kysely<Tables>) {
  const next = random(42);
  const start = Date.parse("2026-01-01T00:00:00Z");
  const chunk = 2_000;
  for (let first = 0; first < CONVERSATIONS; first += chunk) {
    const chats: Record<string, unknown>[] = [];
    const sessions: Record<string, unknown>[] = [];
    const messages: Record<string, unknown>[] = [];
    const runs: Record<string, unknown>[] = [];
    const feedback: Record<string, unknown>[] = [];
    for (let n = first; n < Math.min(first + chunk, CONVERSATIONS); n += 1) {
      const chatId = `chat-${n}`;
      const sessionId = `session-${n}`;
      const flowId = FLOWS[Math.floor(next() * FLOWS.length)] ?? "support";
      const flowVersion = 1 + Math.floor(next() * 2);
      const began = start + Math.floor(next() * DAYS * 86_400_000);
      const at = (minute: number) => new Date(began + minute * 60_000).toISOString();
      chats.push({
        id: chatId,
        userId: `user-${n % 20_000}`,
        channel: "web",
        title: null,
        preview: "Thanks!",
        messageCount: TURNS * 2,
        createdAt: at(0),
        updatedAt: at(TURNS * 2),
      });
      sessions.push({
        id: sessionId,
        chatId,
        flowId,
        flowVersion,
        startedAt: at(0),
        lastActivityAt: at(TURNS * 2),
        endedAt: null,
        endReason: null,
      });
      for (let turn = 0; turn < TURNS; turn += 1) {
        const messageId = `m-${n}-${turn}`;
        const outcome = outcomeOf(next(), turn === TURNS - 1);
        const question = QUESTIONS[Math.floor(next() * QUESTIONS.length)] ?? "";
        const message = { chatId, sessionId, nodePath: null, channelMessageId: null };
        messages.push(
          {
            ...message,
            seq: turn * 2 + 1,
            messageId,
            role: "user",
            content: question,
            createdAt: at(turn * 2),
          },
          {
            ...message,
            seq: turn * 2 + 2,
            messageId: `${messageId}-reply`,
            role: "assistant",
            content: "Here is what I found about that.",
            createdAt: at(turn * 2 + 1),
          },
        );
        runs.push({
          id: `run-${n}-${turn}`,
          chatId,
          threadId: sessionId,
          flowId,
          flowVersion,
          status: outcome === "failed" ? "failed" : "completed",
          error: null,
          startedAt: at(turn * 2),
          durationMs: 40,
          traceUrl: null,
          messageId,
          outcome,
          intent:
            outcome === "fallback" || outcome === "failed"
              ? null
              : (INTENTS[Math.floor(next() * INTENTS.length)] ?? null),
        });
        if (next() < 0.05)
          feedback.push({
            messageId,
            chatId,
            score: next() < 0.7 ? 1 : -1,
            comment: null,
            createdAt: at(turn * 2 + 1),
          });
      }
    }
    await db.transaction().execute(async (trx) => {
      await insertBatches(trx, "chats", chats);
      await insertBatches(trx, "chatSessions", sessions);
      await insertBatches(trx, "chatMessages", messages);
      await insertBatches(trx, "runs", runs);
      if (feedback.length > 0) await insertBatches(trx, "feedback", feedback);
    });
  }
}

const month = scopeOfDays({ from: "2026-01-01", to: "2026-01-30" });
const SCOPES: [string, ConversationScope][] = [
  ["every flow", month],
  ["one flow", { ...month, flowId: "support" }],
  ["one version", { ...month, flowId: "support", flowVersion: 2 }],
];

const QUERIES: [string, (db: Kysely<Tables>, scope: ConversationScope) => Promise<unknown>][] = [
  ["counts by day", countsByDay],
  ["top intents", (db, scope) => topIntents(db, scope, 10)],
  ["top unanswered", (db, scope) => topUnanswered(db, scope, 10)],
  [
    "conversations: handed off",
    (db, scope) => listConversations(db, { scope, figure: { kind: "handoff" } }),
  ],
  [
    "conversations: a question",
    (db, scope) =>
      listConversations(db, {
        scope,
        figure: { kind: "question", question: "question number 7 about e-bikes?" },
      }),
  ],
];

async function timeRuns(work: () => Promise<unknown>, runs: number): Promise<number[]> {
  await work(); // warm the caches
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

const median = (sorted: number[]) => sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

/**
 * What a turn's write costs with the rollups: batches of users' turns (the run, its two day
 * upserts and its intent's) alternate with batches of human agents' turns (the run alone), each
 * turn its own transaction as the turn store writes it.
 */
async function timeTurnWrites(db: Kysely<Tables>) {
  let written = 0;
  const batch = (counted: boolean) => async () => {
    for (let turn = 0; turn < WRITES; turn += 1) {
      const n = written++ % CONVERSATIONS;
      await recordRun(db, {
        id: `bench-run-${written}`,
        chatId: `chat-${n}`,
        threadId: `session-${n}`,
        flowId: FLOWS[n % FLOWS.length] ?? "support",
        flowVersion: 1,
        status: "completed",
        error: null,
        startedAt: new Date(Date.parse("2026-01-15T12:00:00Z") + written * 1000).toISOString(),
        durationMs: 40,
        ...(counted
          ? { messageId: `bench-m-${written}`, outcome: "answered", intent: "question" }
          : {}),
      });
    }
  };
  const times = { counted: [] as number[], uncounted: [] as number[] };
  await batch(true)(); // warm
  for (let sample = 0; sample < WRITE_SAMPLES; sample += 1)
    for (const kind of ["uncounted", "counted"] as const) {
      const started = performance.now();
      await batch(kind === "counted")();
      times[kind].push((performance.now() - started) / WRITES);
    }
  const [counted, uncounted] = [
    times.counted.sort((a, b) => a - b),
    times.uncounted.sort((a, b) => a - b),
  ];
  const range = (sorted: number[]) =>
    `${ms(median(sorted))} (${ms(sorted[0] ?? 0)}–${ms(sorted.at(-1) ?? 0)})`;
  console.log(
    `\nturn write, median (range) per turn over ${WRITE_SAMPLES} alternating batches of ${WRITES}: run alone ${range(uncounted)}; run + rollups ${range(counted)}; ratio ${(median(counted) / median(uncounted)).toFixed(2)}x`,
  );
}

async function bench(dialect: DialectName) {
  const store = createTestStore(dialect);
  let database: Awaited<ReturnType<typeof store.open>>;
  try {
    database = await store.open();
  } catch (error) {
    console.log(`${dialect}: skipped (${(error as Error).message})`);
    return;
  }
  try {
    const { db } = database;
    const generating = performance.now();
    await generate(db);
    // Fresh statistics, as a database that has been running a while has.
    await sql`analyze`.execute(db);
    const count = await db
      .selectFrom("chatMessages")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst();
    console.log(
      `\n${dialect}: ${Number(count?.n).toLocaleString("en")} messages, ${CONVERSATIONS.toLocaleString("en")} conversations, generated in ${((performance.now() - generating) / 1000).toFixed(0)} s`,
    );
    const filling = performance.now();
    await backfillAnalyticsRollups(db as Kysely<unknown>);
    await sql`analyze`.execute(db);
    console.log(
      `rollups filled from the detailed tables (as the migration does) in ${ms(performance.now() - filling)}`,
    );
    const medians = new Map<string, number>();
    console.log(`query                      scope          median (range) over ${RUNS} runs`);
    for (const [name, query] of QUERIES)
      for (const [scopeName, scope] of SCOPES) {
        const times = await timeRuns(() => query(db, scope), RUNS);
        medians.set(`${name}/${scopeName}`, median(times));
        console.log(
          `${name.padEnd(26)} ${scopeName.padEnd(14)} ${ms(median(times))} (${ms(times[0] ?? 0)}–${ms(times.at(-1) ?? 0)})`,
        );
      }
    console.log(
      `\nbaseline: the day counts from the detailed tables, median of ${BASELINE_RUNS}; ratio baseline / rollups`,
    );
    for (const [scopeName, scope] of SCOPES) {
      const detailed = await countsFromDetailedTables(db, scope);
      const agree = Bun.deepEquals(detailed, await countsByDay(db, scope));
      if (!agree) process.exitCode = 1;
      const times = await timeRuns(() => countsFromDetailedTables(db, scope), BASELINE_RUNS);
      const rollups = medians.get(`counts by day/${scopeName}`) ?? Number.NaN;
      console.log(
        `${"counts by day".padEnd(26)} ${scopeName.padEnd(14)} ${ms(median(times))}  ${(median(times) / rollups).toFixed(0)}x  ${agree ? "same counts" : "COUNTS DIFFER"}`,
      );
    }
    await timeTurnWrites(db);
  } finally {
    await store.dispose();
  }
}

const dialects = (process.env.BENCH_DIALECTS ?? "sqlite,postgres").split(",") as DialectName[];
console.log(`analytics benchmark: ${dialects.join(" and ")}`);
for (const dialect of dialects) await bench(dialect);
