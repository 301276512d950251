import type { ExpressionBuilder, Kysely } from "kysely";
import type { Tables } from "../db/index.ts";
import type { RecordedOutcome, TurnRecording } from "./turn-recording.ts";

/** A recorded turn of a session, in the order the turns ran. */
export interface RecordedTurn {
  runId: string;
  startedAt: string;
  flowVersion: number;
  recording: TurnRecording;
}

/** A session (one thread of a chat on one flow version) whose turns were recorded. */
export interface RecordedSession {
  sessionId: string;
  chatId: string;
  channel: string;
  flowId: string;
  flowVersion: number;
  startedAt: string;
}

/** A session with its recorded turns: what a replay plays again. */
export interface RecordedConversation {
  session: RecordedSession;
  turns: RecordedTurn[];
}

export interface RecordedSessionFilter {
  flowId: string;
  /** Only sessions that ran this version. */
  recordedVersion?: number;
  channel?: string;
  /** ISO dates: sessions started at or after `from`, before `to`. */
  from?: string;
  to?: string;
  limit: number;
  /** The last session of the previous page, for the next page. */
  after?: Pick<RecordedSession, "startedAt" | "sessionId">;
}

/** A flow's sessions with recorded turns, the latest first. */
export async function listRecordedSessions(
  db: Kysely<Tables>,
  { flowId, recordedVersion, channel, from, to, limit, after }: RecordedSessionFilter,
): Promise<RecordedSession[]> {
  let query = selectSessions(db)
    .where("chatSessions.flowId", "=", flowId)
    .where((eb) => eb.exists(recordedRunsOf(eb)))
    .orderBy("chatSessions.startedAt", "desc")
    .orderBy("chatSessions.id", "desc")
    .limit(limit);
  if (recordedVersion !== undefined)
    query = query.where("chatSessions.flowVersion", "=", recordedVersion);
  if (channel !== undefined) query = query.where("chats.channel", "=", channel);
  if (from !== undefined) query = query.where("chatSessions.startedAt", ">=", from);
  if (to !== undefined) query = query.where("chatSessions.startedAt", "<", to);
  if (after !== undefined)
    query = query.where((eb) =>
      eb.or([
        eb("chatSessions.startedAt", "<", after.startedAt),
        eb.and([
          eb("chatSessions.startedAt", "=", after.startedAt),
          eb("chatSessions.id", "<", after.sessionId),
        ]),
      ]),
    );
  return query.execute();
}

/** A chat's sessions with recorded turns, the latest first. */
export async function listRecordedSessionsOfChat(
  db: Kysely<Tables>,
  chatId: string,
): Promise<RecordedSession[]> {
  return selectSessions(db)
    .where("chatSessions.chatId", "=", chatId)
    .where((eb) => eb.exists(recordedRunsOf(eb)))
    .orderBy("chatSessions.startedAt", "desc")
    .execute();
}

/** One session, when it exists. */
export async function findRecordedSession(
  db: Kysely<Tables>,
  sessionId: string,
): Promise<RecordedSession | undefined> {
  return selectSessions(db).where("chatSessions.id", "=", sessionId).executeTakeFirst();
}

function selectSessions(db: Kysely<Tables>) {
  return db
    .selectFrom("chatSessions")
    .innerJoin("chats", "chats.id", "chatSessions.chatId")
    .select([
      "chatSessions.id as sessionId",
      "chatSessions.chatId",
      "chats.channel",
      "chatSessions.flowId",
      "chatSessions.flowVersion",
      "chatSessions.startedAt",
    ]);
}

/** The session's runs that were recorded. */
function recordedRunsOf(eb: ExpressionBuilder<Tables, "chatSessions" | "chats">) {
  return eb
    .selectFrom("runs")
    .innerJoin("runRecordings", "runRecordings.runId", "runs.id")
    .select("runs.id")
    .whereRef("runs.threadId", "=", "chatSessions.id");
}

/** The recorded turns of each session, in the order they ran; turns without a recording are left out. */
export async function listRecordedTurns(
  db: Kysely<Tables>,
  sessionIds: string[],
): Promise<Map<string, RecordedTurn[]>> {
  const turns = new Map<string, RecordedTurn[]>(sessionIds.map((id) => [id, []]));
  if (sessionIds.length === 0) return turns;
  const rows = await db
    .selectFrom("runs")
    .innerJoin("runRecordings", "runRecordings.runId", "runs.id")
    .select([
      "runs.id",
      "runs.threadId",
      "runs.startedAt",
      "runs.flowVersion",
      "runRecordings.input",
      "runRecordings.outcome",
      "runRecordings.modelAnswers",
      "runRecordings.httpResponses",
    ])
    .where("runs.threadId", "in", sessionIds)
    .orderBy("runs.startedAt")
    .orderBy("runs.id")
    .execute();
  for (const row of rows)
    turns.get(row.threadId)?.push({
      runId: row.id,
      startedAt: row.startedAt,
      flowVersion: row.flowVersion,
      recording: {
        input: JSON.parse(row.input),
        outcome: JSON.parse(row.outcome),
        modelAnswers: JSON.parse(row.modelAnswers),
        httpResponses: JSON.parse(row.httpResponses),
      },
    });
  return turns;
}

/** What a chat's last recorded turns ended with, the latest first: the agent's view of it. */
export async function listRecentOutcomes(
  db: Kysely<Tables>,
  chatId: string,
  limit: number,
): Promise<{ startedAt: string; outcome: RecordedOutcome }[]> {
  const rows = await db
    .selectFrom("runs")
    .innerJoin("runRecordings", "runRecordings.runId", "runs.id")
    .select(["runs.startedAt", "runRecordings.outcome"])
    .where("runs.chatId", "=", chatId)
    .orderBy("runs.startedAt", "desc")
    .orderBy("runs.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    startedAt: row.startedAt,
    outcome: JSON.parse(row.outcome) as RecordedOutcome,
  }));
}
