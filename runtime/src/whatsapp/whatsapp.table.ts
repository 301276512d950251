import type { Selectable } from "kysely";

/**
 * Received: stored, not yet taken up; processing: its turn runs (or ran, and its replies are
 * being sent); replied: every reply was sent; failed: the turn or a reply failed (`error` says
 * which); ignored: nothing to answer (a reaction).
 */
export type IncomingStatus = "received" | "processing" | "replied" | "failed" | "ignored";

/**
 * The durable inbox: every WhatsApp message the webhook accepted, keyed by its `wamid`, written
 * before the webhook is acknowledged; Meta's redeliveries hit the key and are dropped.
 */
export interface WhatsAppInboxTable {
  wamid: string;
  /** The sender's WhatsApp id. */
  waId: string;
  phoneNumberId: string;
  profileName: string | null;
  /** The message's type (Meta's name, or `unsupported`). */
  type: string;
  /** The message as read from the webhook (an `IncomingMessage`), as JSON. */
  message: string;
  /** When the user sent it. */
  sentAt: string;
  receivedAt: string;
  status: IncomingStatus;
  /** How many times processing started (more than one after a restart). */
  attempts: number;
  /** The turn that took it up: one per message, or one for a merged burst. */
  turnId: string | null;
  chatId: string | null;
  /** When WhatsApp accepted the read receipt, or why it didn't. */
  readAt: string | null;
  readError: string | null;
  error: string | null;
  finishedAt: string | null;
}

/** Queued: stored, not yet sent; sending: a request is under way; sent: WhatsApp took it. */
type OutgoingStatus = "queued" | "sending" | "sent" | "failed";

/** What WhatsApp later reported of a sent message, latest first in rank. */
export type OutgoingDelivery = "sent" | "delivered" | "read" | "played" | "failed";

/**
 * Every message the channel sends, queued before the first is sent so a restart sends what a
 * crash left unsent, with the outcome of sending it and of delivering it.
 */
export interface WhatsAppOutboxTable {
  id: string;
  /** The turn it answers; null for a human agent's message. */
  turnId: string | null;
  chatId: string | null;
  /** The recipient's WhatsApp id. */
  waId: string;
  /** Its place among the turn's messages. */
  position: number;
  /** The Graph API request body (a `GraphMessage`), as JSON. */
  body: string;
  status: OutgoingStatus;
  /** The id WhatsApp gave it. */
  wamid: string | null;
  attempts: number;
  /** Meta's error code of the last failure. */
  errorCode: number | null;
  /** The last failure: a retry's reason while sending, the final one once failed. */
  error: string | null;
  delivery: OutgoingDelivery | null;
  deliveryAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Every status update Meta sent, also those that came before the message's id was stored. */
export interface WhatsAppStatusTable {
  wamid: string;
  status: OutgoingDelivery;
  recipientId: string;
  /** When WhatsApp reports it happened. */
  occurredAt: string;
  /** Meta's errors of a failed delivery, as JSON. */
  errors: string | null;
  receivedAt: string;
}

/** One per phone: its user's profile name and the chat the phone's messages go to. */
export interface WhatsAppContactTable {
  waId: string;
  profileName: string | null;
  chatId: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
}

export type InboxMessage = Selectable<WhatsAppInboxTable>;
export type OutgoingMessage = Selectable<WhatsAppOutboxTable>;
export type WhatsAppContact = Selectable<WhatsAppContactTable>;
