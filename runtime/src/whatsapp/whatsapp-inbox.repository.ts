import type { Kysely } from "kysely";
import type { Tables } from "../db/index.ts";
import type { InboxMessage, IncomingStatus } from "./whatsapp.table.ts";

/** A message as the webhook received it, before it is stored. */
export interface NewIncoming {
  wamid: string;
  waId: string;
  phoneNumberId: string;
  profileName: string | null;
  type: string;
  /** The parsed message, stored as JSON. */
  message: unknown;
  /** When the user sent it, in Unix seconds (as Meta's `timestamp`). */
  timestamp: number;
}

/**
 * Stores messages in the inbox, each once: one whose `wamid` is already there (Meta's retry of
 * an unacknowledged request, or a duplicate delivery) is left alone. Returns the ones stored
 * now, in the order given, which are the ones to process.
 */
export async function acceptIncoming(
  db: Kysely<Tables>,
  messages: NewIncoming[],
  now = new Date(),
): Promise<InboxMessage[]> {
  if (messages.length === 0) return [];
  const rows = toInboxRows(messages, now);
  return keepInserted(rows, await insertInboxRows(db, rows).execute());
}

/** The inbox rows of newly received messages. */
export function toInboxRows(messages: NewIncoming[], now = new Date()): InboxMessage[] {
  return messages.map((message, index) => ({
    wamid: message.wamid,
    waId: message.waId,
    phoneNumberId: message.phoneNumberId,
    profileName: message.profileName,
    type: message.type,
    message: JSON.stringify(message.message),
    sentAt: new Date(message.timestamp * 1000).toISOString(),
    // A millisecond apart, so recovery after a restart takes a request's messages in their order.
    receivedAt: new Date(now.getTime() + index).toISOString(),
    status: "received",
    attempts: 0,
    turnId: null,
    chatId: null,
    readAt: null,
    readError: null,
    error: null,
    finishedAt: null,
  }));
}

/** The insert of inbox rows that leaves out those already there, returning the wamids stored. */
export function insertInboxRows(db: Kysely<Tables>, rows: InboxMessage[]) {
  return db
    .insertInto("whatsappInbox")
    .values(rows)
    .onConflict((conflict) => conflict.column("wamid").doNothing())
    .returning("wamid");
}

/** The rows the insert stored, in order. */
export function keepInserted(rows: InboxMessage[], inserted: { wamid: string }[]): InboxMessage[] {
  const stored = new Set(inserted.map((row) => row.wamid));
  // The same wamid twice in one request: the first one is the message.
  return rows.filter((row) => stored.delete(row.wamid));
}

/** Marks messages as taken up by a turn: processing, one attempt more. */
export async function startIncoming(
  db: Kysely<Tables>,
  wamids: string[],
  turnId: string,
): Promise<void> {
  await db
    .updateTable("whatsappInbox")
    .set((eb) => ({ status: "processing", turnId, attempts: eb("attempts", "+", 1) }))
    .where("wamid", "in", wamids)
    .execute();
}

/**
 * Records, in the commit that stores the messages' turn, the chat it went to: a message still
 * `processing` with a chat has a committed turn, which a restart never runs again.
 */
export async function markIncomingCommitted(
  db: Kysely<Tables>,
  wamids: string[],
  chatId: string,
): Promise<void> {
  await db.updateTable("whatsappInbox").set({ chatId }).where("wamid", "in", wamids).execute();
}

/** Messages as stored now, in the order of `wamids`. */
export async function findIncomingRows(
  db: Kysely<Tables>,
  wamids: string[],
): Promise<InboxMessage[]> {
  const rows = await db
    .selectFrom("whatsappInbox")
    .selectAll()
    .where("wamid", "in", wamids)
    .execute();
  return wamids.flatMap((wamid) => rows.filter((row) => row.wamid === wamid));
}

/** Records what a message's turn came to, when, and the chat it went to. */
export async function finishIncoming(
  db: Kysely<Tables>,
  wamids: string[],
  outcome: {
    status: Exclude<IncomingStatus, "received" | "processing">;
    error?: string;
    chatId?: string | null;
  },
  now = new Date(),
): Promise<void> {
  if (wamids.length === 0) return;
  await db
    .updateTable("whatsappInbox")
    .set({
      status: outcome.status,
      error: outcome.error ?? null,
      finishedAt: now.toISOString(),
      ...(outcome.chatId && { chatId: outcome.chatId }),
    })
    .where("wamid", "in", wamids)
    .execute();
}

/** Records whether the read receipt went through. */
export async function recordReadReceipt(
  db: Kysely<Tables>,
  wamid: string,
  outcome: { error?: string },
  now = new Date(),
): Promise<void> {
  await db
    .updateTable("whatsappInbox")
    .set(
      outcome.error === undefined
        ? { readAt: now.toISOString(), readError: null }
        : { readError: outcome.error },
    )
    .where("wamid", "=", wamid)
    .execute();
}

/** The messages a crash left unfinished, in the order they arrived, to process after a restart. */
export async function listUnfinishedIncoming(db: Kysely<Tables>): Promise<InboxMessage[]> {
  return db
    .selectFrom("whatsappInbox")
    .selectAll()
    .where("status", "in", ["received", "processing"])
    .orderBy("receivedAt")
    .orderBy("sentAt")
    .execute();
}

export async function findIncoming(
  db: Kysely<Tables>,
  wamid: string,
): Promise<InboxMessage | undefined> {
  return db.selectFrom("whatsappInbox").selectAll().where("wamid", "=", wamid).executeTakeFirst();
}

/** A phone's messages, the first first. */
export async function listIncoming(db: Kysely<Tables>, waId: string): Promise<InboxMessage[]> {
  return db
    .selectFrom("whatsappInbox")
    .selectAll()
    .where("waId", "=", waId)
    .orderBy("receivedAt")
    .orderBy("sentAt")
    .execute();
}

/** How many messages are in each state, for the benchmark and health checks. */
export async function countIncomingByStatus(
  db: Kysely<Tables>,
): Promise<Partial<Record<IncomingStatus, number>>> {
  const rows = await db
    .selectFrom("whatsappInbox")
    .select((eb) => ["status", eb.fn.countAll<number>().as("count")])
    .groupBy("status")
    .execute();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}
