import type { Kysely } from "kysely";
import type { Tables } from "../db/index.ts";
import { inTransaction } from "../db/index.ts";
import type { OutgoingDelivery, OutgoingMessage } from "./whatsapp.table.ts";

export interface NewOutgoing {
  /**
   * Defaults to a random UUID. A message relayed from the chat (a human agent's) passes one made
   * from the chat message's id, so however often the relay hears of it, it is queued once.
   */
  id?: string;
  turnId: string | null;
  chatId: string | null;
  waId: string;
  /** The Graph API request body, stored as JSON. */
  body: unknown;
}

/** A status update from the webhook, for a message the channel sent. */
export interface DeliveryUpdate {
  wamid: string;
  status: OutgoingDelivery;
  recipientId: string;
  /** When it happened, in Unix seconds. */
  timestamp: number;
  errors: unknown[];
}

/** How far along each status is; a later, lower one (a late "delivered" after "read") changes nothing. */
const RANK: Record<OutgoingDelivery, number> = {
  sent: 1,
  delivered: 2,
  read: 3,
  played: 4,
  failed: 5,
};

/**
 * Queues messages to send, in order, before any is sent; returns the ones queued now (one whose
 * `id` is already queued is left out).
 */
export async function queueOutgoing(
  db: Kysely<Tables>,
  messages: NewOutgoing[],
  now = new Date(),
): Promise<OutgoingMessage[]> {
  if (messages.length === 0) return [];
  const at = now.toISOString();
  const rows: OutgoingMessage[] = messages.map((message, position) => ({
    id: message.id ?? crypto.randomUUID(),
    turnId: message.turnId,
    chatId: message.chatId,
    waId: message.waId,
    position,
    body: JSON.stringify(message.body),
    status: "queued",
    wamid: null,
    attempts: 0,
    errorCode: null,
    error: null,
    delivery: null,
    deliveryAt: null,
    // A millisecond apart, so separate batches to one phone keep their order after a restart.
    createdAt: new Date(now.getTime() + position).toISOString(),
    updatedAt: at,
  }));
  const inserted = await db
    .insertInto("whatsappOutbox")
    .values(rows)
    .onConflict((conflict) => conflict.column("id").doNothing())
    .returning("id")
    .execute();
  const queued = new Set(inserted.map((row) => row.id));
  return rows.filter((row) => queued.has(row.id));
}

/** A turn's messages, in sending order. */
export async function listTurnOutgoing(
  db: Kysely<Tables>,
  turnId: string,
): Promise<OutgoingMessage[]> {
  return db
    .selectFrom("whatsappOutbox")
    .selectAll()
    .where("turnId", "=", turnId)
    .orderBy("position")
    .execute();
}

/** Messages not (known to be) sent, oldest first: what a restart must still send. */
export async function listUnsentOutgoing(db: Kysely<Tables>): Promise<OutgoingMessage[]> {
  return db
    .selectFrom("whatsappOutbox")
    .selectAll()
    .where("status", "in", ["queued", "sending"])
    .orderBy("createdAt")
    .orderBy("position")
    .execute();
}

/** Everything sent to a phone, the first first. */
export async function listOutgoing(db: Kysely<Tables>, waId: string): Promise<OutgoingMessage[]> {
  return db
    .selectFrom("whatsappOutbox")
    .selectAll()
    .where("waId", "=", waId)
    .orderBy("createdAt")
    .orderBy("position")
    .execute();
}

/** Marks a message as being sent: a crash from here on may have sent it. */
export async function markSending(db: Kysely<Tables>, id: string, now = new Date()): Promise<void> {
  await db
    .updateTable("whatsappOutbox")
    .set({ status: "sending", updatedAt: now.toISOString() })
    .where("id", "=", id)
    .execute();
}

/** Records a failed try that will be retried. */
export async function noteOutgoingRetry(
  db: Kysely<Tables>,
  id: string,
  failure: { attempt: number; code: number | null; error: string },
  now = new Date(),
): Promise<void> {
  await db
    .updateTable("whatsappOutbox")
    .set({
      attempts: failure.attempt,
      errorCode: failure.code,
      error: failure.error,
      updatedAt: now.toISOString(),
    })
    .where("id", "=", id)
    .execute();
}

/**
 * Records that WhatsApp took the message, under the id it gave, and applies any status update
 * that came before this was stored.
 */
export async function markSent(
  db: Kysely<Tables>,
  id: string,
  { wamid, attempts }: { wamid: string; attempts: number },
  now = new Date(),
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("whatsappOutbox")
      .set({
        status: "sent",
        wamid,
        attempts,
        error: null,
        errorCode: null,
        updatedAt: now.toISOString(),
      })
      .where("id", "=", id)
      .execute();
    const early = await trx
      .selectFrom("whatsappStatuses")
      .select(["status", "occurredAt"])
      .where("wamid", "=", wamid)
      .execute();
    const latest = early.sort((a, b) => RANK[b.status] - RANK[a.status])[0];
    if (latest)
      await trx
        .updateTable("whatsappOutbox")
        .set({ delivery: latest.status, deliveryAt: latest.occurredAt })
        .where("id", "=", id)
        .execute();
  });
}

/** Queues a message again after a try that failed for now, recording why. */
export async function requeueOutgoing(
  db: Kysely<Tables>,
  id: string,
  failure: { attempts: number; code: number | null; error: string },
  now = new Date(),
): Promise<void> {
  await db
    .updateTable("whatsappOutbox")
    .set((eb) => ({
      status: "queued",
      attempts: eb("attempts", "+", failure.attempts),
      errorCode: failure.code,
      error: failure.error,
      updatedAt: now.toISOString(),
    }))
    .where("id", "=", id)
    .execute();
}

/** Messages as stored now, in the order of `ids`. */
export async function findOutgoingRows(
  db: Kysely<Tables>,
  ids: string[],
): Promise<OutgoingMessage[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom("whatsappOutbox").selectAll().where("id", "in", ids).execute();
  return ids.flatMap((id) => rows.filter((row) => row.id === id));
}

/** Records that the message won't be sent, and why. */
export async function markOutgoingFailed(
  db: Kysely<Tables>,
  ids: string[],
  failure: { attempts?: number; code: number | null; error: string },
  now = new Date(),
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable("whatsappOutbox")
    .set({
      status: "failed",
      ...(failure.attempts !== undefined && { attempts: failure.attempts }),
      errorCode: failure.code,
      error: failure.error,
      updatedAt: now.toISOString(),
    })
    .where("id", "in", ids)
    .execute();
}

/**
 * Records status updates from the webhook: each kept (once: Meta redelivers them too), and the
 * sent message's delivery moved on when the update is further along.
 */
export async function recordDeliveries(
  db: Kysely<Tables>,
  updates: DeliveryUpdate[],
  now = new Date(),
): Promise<void> {
  if (updates.length === 0) return;
  await inTransaction(db, async (trx) => {
    for (const query of deliveryQueries(trx, updates, now)) await query.execute();
  });
}

/** The statements that record status updates, to run in order in one transaction. */
export function deliveryQueries(db: Kysely<Tables>, updates: DeliveryUpdate[], now = new Date()) {
  const receivedAt = now.toISOString();
  const keep = db
    .insertInto("whatsappStatuses")
    .values(
      updates.map((update) => ({
        wamid: update.wamid,
        status: update.status,
        recipientId: update.recipientId,
        occurredAt: new Date(update.timestamp * 1000).toISOString(),
        errors: update.errors.length > 0 ? JSON.stringify(update.errors) : null,
        receivedAt,
      })),
    )
    .onConflict((conflict) => conflict.columns(["wamid", "status"]).doNothing());
  const advance = updates.map((update) => {
    const lower = (Object.keys(RANK) as OutgoingDelivery[]).filter(
      (status) => RANK[status] < RANK[update.status],
    );
    return db
      .updateTable("whatsappOutbox")
      .set({
        delivery: update.status,
        deliveryAt: new Date(update.timestamp * 1000).toISOString(),
        // A failure after sending is the message's outcome too.
        ...(update.status === "failed" && {
          status: "failed",
          errorCode: (update.errors[0] as { code?: number } | undefined)?.code ?? null,
          error: describeErrors(update.errors),
        }),
        updatedAt: receivedAt,
      })
      .where("wamid", "=", update.wamid)
      .where((eb) =>
        eb.or([
          eb("delivery", "is", null),
          ...(lower.length > 0 ? [eb("delivery", "in", lower)] : []),
        ]),
      );
  });
  return [keep, ...advance];
}

/** The statuses recorded for a sent message, in the order they happened. */
export async function listDeliveries(
  db: Kysely<Tables>,
  wamid: string,
): Promise<{ status: OutgoingDelivery; occurredAt: string }[]> {
  const rows = await db
    .selectFrom("whatsappStatuses")
    .select(["status", "occurredAt"])
    .where("wamid", "=", wamid)
    .execute();
  return rows.sort((a, b) => RANK[a.status] - RANK[b.status]);
}

function describeErrors(errors: unknown[]): string {
  const error = errors[0] as { code?: number; title?: string; details?: string } | undefined;
  if (!error) return "WhatsApp reported the delivery failed, without saying why.";
  return [`#${error.code ?? "?"} ${error.title ?? "Delivery failed"}`, error.details]
    .filter(Boolean)
    .join(": ");
}

/** Messages that could not be sent (a dead letter each), the latest first, with Meta's error. */
export async function listFailedOutgoing(
  db: Kysely<Tables>,
  { limit = 50 }: { limit?: number } = {},
): Promise<OutgoingMessage[]> {
  return db
    .selectFrom("whatsappOutbox")
    .selectAll()
    .where("status", "=", "failed")
    .orderBy("updatedAt", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** Puts a failed message back in the queue; undefined when there is no failed message `id`. */
export async function requeueFailedOutgoing(
  db: Kysely<Tables>,
  id: string,
  now = new Date(),
): Promise<OutgoingMessage | undefined> {
  const { numUpdatedRows } = await db
    .updateTable("whatsappOutbox")
    .set({ status: "queued", updatedAt: now.toISOString() })
    .where("id", "=", id)
    .where("status", "=", "failed")
    .executeTakeFirst();
  if (numUpdatedRows === 0n) return undefined;
  return db.selectFrom("whatsappOutbox").selectAll().where("id", "=", id).executeTakeFirst();
}
