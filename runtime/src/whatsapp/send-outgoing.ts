import type { Kysely } from "kysely";
import type { Tables } from "../db/tables.ts";
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
} from "./whatsapp-outbox.repository.ts";

/**
 * Sends queued messages one after another, recording each outcome on its row: retries as they
 * happen, the id WhatsApp gave, or the failure. After a failure the rest are not sent (a reply
 * missing its middle reads worse than none) and are recorded as failed with the reason.
 *
 * @returns undefined when all were sent, else the failure in one line.
 */
export async function sendOutgoing(
  db: Kysely<Tables>,
  graph: GraphApiClient,
  rows: OutgoingMessage[],
): Promise<string | undefined> {
  for (const [index, row] of rows.entries()) {
    await markSending(db, row.id);
    let notes = Promise.resolve();
    try {
      const sent = await graph.send(JSON.parse(row.body) as GraphMessage, (error, attempt) => {
        notes = notes.then(() =>
          noteOutgoingRetry(db, row.id, { attempt, code: error.code, error: error.describe() }),
        );
      });
      await notes;
      await markSent(db, row.id, { wamid: sent.id, attempts: sent.attempts });
    } catch (error) {
      await notes.catch(() => {});
      const failure = error instanceof GraphApiError ? error : networkError(error);
      const reason = failure.describe();
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
