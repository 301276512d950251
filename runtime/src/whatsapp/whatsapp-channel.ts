import type { Database } from "../db/index.ts";
import type { GraphApiClient } from "./graph-api-client.ts";
import { actionOf } from "./message-action.ts";
import { createMessageAnswerer, type IncomingJob } from "./message-answerer.ts";
import { parseWebhook } from "./parse-webhook.ts";
import { PhoneQueues } from "./phone-queues.ts";
import { DeliveryDeferred, sendOutgoing } from "./send-outgoing.ts";
import { type OutgoingReply, toGraphMessages } from "./to-graph-messages.ts";
import { createTurnGate } from "./turn-gate.ts";
import { verifySignature } from "./verify-signature.ts";
import { type SubscriptionQuery, verifySubscription } from "./verify-subscription.ts";
import type { IncomingMessage } from "./webhook-types.ts";
import type { InboxMessage, OutgoingMessage } from "./whatsapp.table.ts";
import { findContactByChat } from "./whatsapp-contacts.repository.ts";
import type { WhatsAppConversations } from "./whatsapp-conversations.ts";
import { listUnfinishedIncoming } from "./whatsapp-inbox.repository.ts";
import { createInboxWriter } from "./whatsapp-inbox-writer.ts";
import {
  findOutgoingRows,
  listUnsentOutgoing,
  queueOutgoing,
  requeueFailedOutgoing,
} from "./whatsapp-outbox.repository.ts";
import type { WhatsAppSettings } from "./whatsapp-settings.ts";

/** How the webhook answers a POST: 200 once stored, else why not. */
type WebhookAnswer =
  | { status: 200; accepted: number }
  | { status: 400 | 401 | 503; message: string };

export interface WhatsAppChannel {
  /** The verification handshake: the challenge to echo, or undefined for 403. */
  verify(query: SubscriptionQuery): string | undefined;
  /**
   * Takes a webhook POST: checks the signature on the raw body, stores new messages in the inbox
   * and status updates on the sent messages, and answers; the messages are processed after.
   */
  receive(body: Uint8Array, signature: string | null): Promise<WebhookAnswer>;
  /**
   * Sends replies to the phone of a chat outside a user's turn (a human agent's message, the
   * flow's answer to a hand-back), after whatever the phone is already due; a reply with a
   * `messageId` already delivered is not sent again (every replica hears the same event). False
   * when the chat is not a WhatsApp one.
   */
  deliver(chatId: string, replies: OutgoingReply[]): Promise<boolean>;
  /**
   * Sends a failed message again (an admin's resend of a dead letter), after whatever the phone
   * is already due; undefined when there is no failed message `id`.
   */
  resend(id: string): Promise<OutgoingMessage | undefined>;
  /** Takes up what a stopped process left: unprocessed messages and unsent replies. */
  recover(): Promise<{ incoming: number; outgoing: number }>;
  /** Resolves once nothing waits or runs. */
  idle(): Promise<void>;
  /**
   * Refuses new webhooks (503: Meta retries them) and starts no more turns, then waits up to
   * `timeoutMs` for those running. What hasn't started stays in the inbox for `recover`.
   */
  drain(timeoutMs: number): Promise<boolean>;
}

export interface WhatsAppChannelOptions {
  database: Database;
  settings: WhatsAppSettings;
  graph: GraphApiClient;
  conversations: WhatsAppConversations;
  /** Told of each chat a phone talks in, e.g. to relay a human agent's messages to it. */
  onChat?: (chatId: string) => void;
  /**
   * How many phones are served at once: their read receipts and replies, mostly waiting on
   * the Graph API, overlap.
   */
  phoneConcurrency?: number;
}

type Job = ({ kind: "incoming" } & IncomingJob) | { kind: "delivery"; rows: OutgoingMessage[] };

const decoder = new TextDecoder();

/**
 * The WhatsApp channel: a verified webhook in front of a durable inbox, messages processed per
 * phone in order through the runtime's conversations, replies through the Graph API, every
 * outcome recorded.
 *
 * @example
 * const channel = createWhatsAppChannel({ database, settings, graph, conversations });
 * await channel.recover();
 * const answer = await channel.receive(new Uint8Array(await request.arrayBuffer()), signature);
 */
export function createWhatsAppChannel({
  database,
  settings,
  graph,
  conversations,
  onChat,
  phoneConcurrency = 64,
}: WhatsAppChannelOptions): WhatsAppChannel {
  const { db } = database;
  const writer = createInboxWriter(database);
  // A failure shows on the first webhook (a 503, so Meta retries), not as an unhandled rejection.
  writer.catch(() => {});
  const gate = createTurnGate({ max: settings.maxConcurrentTurns });
  const answer = createMessageAnswerer({ database, settings, graph, conversations, gate, onChat });
  let draining = false;

  const queues = new PhoneQueues<Job>(
    async (waId, batch) => {
      const [first] = batch;
      if (first?.kind === "delivery") {
        // As stored now: a retry must not send again what an earlier try sent.
        const rows = await findOutgoingRows(
          db,
          first.rows.map((row) => row.id),
        );
        const unsent = rows.filter((row) => row.status === "queued" || row.status === "sending");
        await sendOutgoing(db, graph, unsent, settings.retryWindowMs);
      } else await answer(waId, batch as IncomingJob[]);
    },
    (waiting) => batchSize(waiting, settings.burstMode === "merge"),
    phoneConcurrency,
    (error) => (error instanceof DeliveryDeferred ? error.retryInMs : undefined),
  );

  const dispatch = (row: InboxMessage) =>
    queues.push(row.waId, {
      kind: "incoming",
      row,
      message: JSON.parse(row.message) as IncomingMessage,
    });

  return {
    verify: (query) => verifySubscription(query, settings.verifyToken),

    async receive(body, signature) {
      if (draining) return { status: 503, message: "The server is shutting down." };
      if (!verifySignature(body, signature, settings.appSecret))
        return {
          status: 401,
          message: "The X-Hub-Signature-256 header is missing or does not match the body.",
        };
      let json: unknown;
      try {
        json = JSON.parse(decoder.decode(body));
      } catch {
        return { status: 400, message: "The body is not JSON." };
      }
      const parsed = parseWebhook(json);
      for (const problem of parsed.problems) console.warn(`WhatsApp webhook: ${problem}`);
      for (const error of parsed.errors)
        console.warn(
          `WhatsApp webhook error #${error.code}: ${error.message ?? error.title} ${error.details ?? ""}`,
        );
      const inbox = await writer;
      const accepted = await inbox.accept(
        parsed.messages.map((message) => ({
          wamid: message.id,
          waId: message.from,
          phoneNumberId: message.phoneNumberId,
          profileName: message.profileName,
          type: message.type,
          message,
          timestamp: message.timestamp,
        })),
      );
      await inbox.recordDeliveries(
        parsed.statuses.map((status) => ({
          wamid: status.id,
          status: status.status,
          recipientId: status.recipientId,
          timestamp: status.timestamp,
          errors: status.errors,
        })),
      );
      for (const row of accepted) dispatch(row);
      return { status: 200, accepted: accepted.length };
    },

    async deliver(chatId, replies) {
      const contact = await findContactByChat(db, chatId);
      if (!contact) return false;
      const rows = await queueOutgoing(
        db,
        replies.flatMap((reply) =>
          toGraphMessages(contact.waId, reply, settings).map((body, part) => ({
            ...(reply.messageId && { id: `${reply.messageId}:${part}` }),
            turnId: null,
            chatId,
            waId: contact.waId,
            body,
          })),
        ),
      );
      if (rows.length > 0) queues.push(contact.waId, { kind: "delivery", rows });
      return true;
    },

    async resend(id) {
      const row = await requeueFailedOutgoing(db, id);
      if (row) queues.push(row.waId, { kind: "delivery", rows: [row] });
      return row;
    },

    async recover() {
      const unsent = (await listUnsentOutgoing(db)).filter((row) => row.turnId === null);
      const byPhone = new Map<string, OutgoingMessage[]>();
      for (const row of unsent) byPhone.set(row.waId, [...(byPhone.get(row.waId) ?? []), row]);
      for (const [waId, rows] of byPhone) queues.push(waId, { kind: "delivery", rows });
      const unfinished = await listUnfinishedIncoming(db);
      for (const row of unfinished) dispatch(row);
      return { incoming: unfinished.length, outgoing: unsent.length };
    },

    idle: () => queues.idle(),

    async drain(timeoutMs) {
      draining = true;
      queues.stop();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const done = await Promise.race([queues.idle().then(() => true as const), timeout]);
      clearTimeout(timer);
      gate.close();
      (await writer).close();
      return done;
    },
  };
}

/**
 * How many waiting jobs the next batch takes: a resumed turn's messages together; otherwise one,
 * or in merge mode every text waiting in a row (a burst typed while the last turn ran).
 */
function batchSize(waiting: readonly Job[], merge: boolean): number {
  const [first] = waiting;
  if (first?.kind !== "incoming") return 1;
  const resumed = first.row.turnId;
  const joins = (job: Job | undefined): boolean => {
    if (job?.kind !== "incoming") return false;
    if (resumed) return job.row.turnId === resumed;
    return merge && job.row.turnId === null && actionOf(job.message).kind === "turn";
  };
  if (!joins(first)) return 1;
  let size = 1;
  while (joins(waiting[size])) size += 1;
  return size;
}
