import type { Kysely } from "kysely";
import type { Tables } from "../db/index.ts";
import { retryWhileUnreachable } from "../db/index.ts";
import type { GraphApiClient } from "./graph-api-client.ts";
import { GraphApiError, networkError } from "./graph-api-error.ts";
import type { GraphMessage } from "./graph-message.ts";
import type { OutgoingMessage } from "./whatsapp.table.ts";
import { recordReadReceipt } from "./whatsapp-inbox.repository.ts";
import {
  markOutgoingFailed,
  markSending,
  markSent,
  noteOutgoingRetry,
  requeueOutgoing,
} from "./whatsapp-outbox.repository.ts";

/**
 * Sending waits for the Graph API to come back: the message is queued again and the phone's work
 * is retried in `retryInMs`, in order (see `PhoneQueues`), and after a restart too.
 */
export class DeliveryDeferred extends Error {
  override readonly name = "DeliveryDeferred";

  constructor(
    readonly reason: string,
    readonly retryInMs: number,
  ) {
    super(`Sending is retried in ${Math.round(retryInMs / 1000)} s: ${reason}`);
  }
}

/** The longest wait between two tries of a message the Graph API did not take. */
const MAX_RETRY_DELAY_MS = 15 * 60_000;

/**
 * Sends queued messages one after another, recording each outcome on its row: retries as they
 * happen, the id WhatsApp gave (retried while the database is unreachable: a message WhatsApp
 * took is never recorded as failed), or the failure. After a failure the rest are not sent (a reply
 * missing its middle reads worse than none) and are recorded as failed with the reason.
 *
 * A transient failure (the Graph API down, 5xx, rate limited past the client's own retries) of a
 * message younger than `retryWindowMs` is no failure yet: the message is queued again and
 * `DeliveryDeferred` thrown, the rest left queued.
 *
 * @returns undefined when all were sent, else the failure in one line.
 * @throws DeliveryDeferred
 */
export async function sendOutgoing(
  db: Kysely<Tables>,
  graph: GraphApiClient,
  rows: OutgoingMessage[],
  retryWindowMs = 0,
): Promise<string | undefined> {
  for (const [index, row] of rows.entries()) {
    await retryWhileUnreachable(() => markSending(db, row.id));
    let notes = Promise.resolve();
    let sent: { id: string; attempts: number };
    try {
      sent = await graph.send(JSON.parse(row.body) as GraphMessage, (error, attempt) => {
        notes = notes.then(() =>
          noteOutgoingRetry(db, row.id, { attempt, code: error.code, error: error.describe() }),
        );
      });
    } catch (error) {
      await notes.catch(() => {});
      const failure = error instanceof GraphApiError ? error : networkError(error);
      const reason = failure.describe();
      const age = Date.now() - Date.parse(row.createdAt);
      if (failure.kind !== "permanent" && age < retryWindowMs) {
        await requeueOutgoing(db, row.id, {
          attempts: failure.attempts,
          code: failure.code,
          error: reason,
        });
        // About doubling: the next try waits as long as the message has waited, within bounds.
        throw new DeliveryDeferred(
          reason,
          Math.min(MAX_RETRY_DELAY_MS, retryWindowMs / 16, Math.max(1000, age)),
        );
      }
      await markOutgoingFailed(db, [row.id], {
        attempts: failure.attempts,
        code: failure.code,
        error: reason,
      });
      await markOutgoingFailed(
        db,
        rows.slice(index + 1).map((rest) => rest.id),
        { code: null, error: `Not sent: an earlier message of the reply failed (${reason}).` },
      );
      return reason;
    }
    // Outside the Graph API's `try`: WhatsApp took the message, so a database error here is no
    // failure to send; it is retried until recorded, and the rest of the reply still goes.
    await notes.catch(() => {});
    const { id: wamid, attempts } = sent;
    await retryWhileUnreachable(() => markSent(db, row.id, { wamid, attempts }));
  }
  return undefined;
}

/** Marks an incoming message as read, recording whether WhatsApp took the receipt; never throws. */
export async function markRead(
  db: Kysely<Tables>,
  graph: GraphApiClient,
  wamid: string,
): Promise<void> {
  try {
    await graph.markAsRead(wamid);
    await recordReadReceipt(db, wamid, {});
  } catch (error) {
    const failure = error instanceof GraphApiError ? error : networkError(error);
    await recordReadReceipt(db, wamid, { error: failure.describe() }).catch((cause) =>
      console.error(`WhatsApp: recording the read receipt of ${wamid} failed:`, cause),
    );
  }
}
