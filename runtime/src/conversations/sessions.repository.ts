import type { Kysely, Selectable } from "kysely";
import type { Tables } from "../db/index.ts";
import { inTransaction, preparedQuery } from "../db/index.ts";
import { countConversation } from "./analytics-rollups.repository.ts";
import type { ChatSessionTable, SessionEndReason } from "./chat.table.ts";

/** After this long without a message a chat's session is over, and the next message starts one. */
export const SESSION_INACTIVITY_MS = 24 * 60 * 60 * 1000;

export type ChatSession = Selectable<ChatSessionTable> & { active: boolean };

/** The flow version a new session runs on. */
export interface SessionFlow {
  flowId: string;
  flowVersion: number;
}

// Prepared: every message marks its chat's open session active, in one query while it is.
// A chat's sessions follow one another, so an open one is always its latest.
const touchOpenSession = preparedQuery(
  (db, { chatId, now, since }: { chatId: string; now: string; since: string }) =>
    db
      .updateTable("chatSessions")
      .set({ lastActivityAt: now })
      .where("id", "=", (eb) =>
        eb
          .selectFrom("chatSessions")
          .select("id")
          .where("chatId", "=", chatId)
          .orderBy("startedAt", "desc")
          .limit(1),
      )
      .where("endedAt", "is", null)
      .where("lastActivityAt", ">", since)
      .returningAll(),
);
const latestSession = preparedQuery((db, { chatId }: { chatId: string }) =>
  db
    .selectFrom("chatSessions")
    .selectAll()
    .where("chatId", "=", chatId)
    .orderBy("startedAt", "desc")
    .limit(1),
);

/** The chat's most recent session, ended or not: whose flow the chat talks to. */
export async function findLatestSession(
  db: Kysely<Tables>,
  chatId: string,
): Promise<Selectable<ChatSessionTable> | undefined> {
  const [latest] = await latestSession(db, { chatId });
  return latest;
}

/**
 * The session the chat's next message belongs to: the open one if it has seen a message in the
 * last 24 hours, else a new one (ending the stale one) on the flow `newSession` picks, given the
 * chat's latest session. One query when the session goes on, as it does on nearly every message.
 */
export async function findOrStartSession(
  db: Kysely<Tables>,
  chatId: string,
  newSession: (latest: Selectable<ChatSessionTable> | undefined) => Promise<SessionFlow>,
  now = new Date(),
): Promise<ChatSession> {
  // Timestamps are all `toISOString()`'s, so their text sorts as their time does.
  const since = new Date(now.getTime() - SESSION_INACTIVITY_MS).toISOString();
  const [touched] = await touchOpenSession(db, { chatId, now: now.toISOString(), since });
  if (touched) return { ...touched, active: true };
  const latest = await findLatestSession(db, chatId);
  const open = latest?.endedAt === null ? latest : undefined;
  if (open)
    await endSession(
      db,
      open,
      "inactivity",
      new Date(Date.parse(open.lastActivityAt) + SESSION_INACTIVITY_MS),
    );
  return startSession(db, chatId, await newSession(latest), now);
}

/** Ends the chat's open session, as when the user asks to start over; the next message starts a new one. */
export async function resetSession(
  db: Kysely<Tables>,
  chatId: string,
  now = new Date(),
): Promise<void> {
  await db
    .updateTable("chatSessions")
    .set({ endedAt: now.toISOString(), endReason: "reset" })
    .where("chatId", "=", chatId)
    .where("endedAt", "is", null)
    .execute();
}

/** The chat's sessions, the first first. */
export async function listSessions(
  db: Kysely<Tables>,
  chatId: string,
  now = new Date(),
): Promise<ChatSession[]> {
  const rows = await db
    .selectFrom("chatSessions")
    .selectAll()
    .where("chatId", "=", chatId)
    .orderBy("startedAt", "asc")
    .execute();
  return rows.map((row) => ({ ...row, active: isActive(row, now) }));
}

function isActive(session: Selectable<ChatSessionTable>, now: Date): boolean {
  return (
    session.endedAt === null &&
    now.getTime() - Date.parse(session.lastActivityAt) < SESSION_INACTIVITY_MS
  );
}

async function startSession(
  db: Kysely<Tables>,
  chatId: string,
  flow: SessionFlow,
  now: Date,
): Promise<ChatSession> {
  const at = now.toISOString();
  const session = {
    id: crypto.randomUUID(),
    chatId,
    flowId: flow.flowId,
    flowVersion: flow.flowVersion,
    startedAt: at,
    lastActivityAt: at,
    endedAt: null,
    endReason: null,
  };
  await inTransaction(db, async (trx) => {
    await trx.insertInto("chatSessions").values(session).execute();
    await countConversation(trx, session);
  });
  return { ...session, active: true };
}

async function endSession(
  db: Kysely<Tables>,
  session: { id: string },
  endReason: SessionEndReason,
  at: Date,
): Promise<void> {
  await db
    .updateTable("chatSessions")
    .set({ endedAt: at.toISOString(), endReason })
    .where("id", "=", session.id)
    .execute();
}

/** Whether the session belongs to the chat. */
export async function isSessionOfChat(
  db: Kysely<Tables>,
  chatId: string,
  sessionId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("chatSessions")
    .select("id")
    .where("id", "=", sessionId)
    .where("chatId", "=", chatId)
    .executeTakeFirst();
  return row !== undefined;
}
