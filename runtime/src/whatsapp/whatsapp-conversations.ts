import type { Kysely } from "kysely";
import type { Tables } from "../db/index.ts";
import type { OutgoingReply } from "./to-graph-messages.ts";

/**
 * Writes what the channel must do after a turn (its outgoing messages) in the commit that stores
 * the turn, so a turn is never stored without them, nor they without it.
 */
type OnTurnCommit = (
  trx: Kysely<Tables>,
  committed: {
    chatId: string;
    replies: OutgoingReply[];
    /** Whether the turn handed the chat to a person (the phone is told it waits for one). */
    handoffOpened: boolean;
  },
) => Promise<void>;

/** One message of a phone, to run as a turn of its conversation. */
export interface ConversationTurn {
  waId: string;
  /** `whatsapp_<wa_id>`: one user per phone number. */
  userId: string;
  profileName: string | null;
  /** The phone's chat, reused for every message; null before its first turn. */
  chatId: string | null;
  text: string;
  /** The wamid the turn answers: a turn run again after a crash stores its message once. */
  wamid: string;
  onCommit?: OnTurnCommit;
}

interface ConversationOutcome {
  /** The chat the turn ran in: the phone's, or a new one. */
  chatId: string;
  /** What to send back, in order; none while a human agent holds the chat. */
  replies: OutgoingReply[];
  /** Why the turn failed, when it did after the chat was chosen (its replies are then partial). */
  failure?: string;
}

/**
 * What the channel needs of the runtime's conversations; the runtime's chat service provides it,
 * tests a stand-in. The conversation decides sessions (a new one after 24 hours without a
 * message) and handoffs (a user's message goes to the agent's queue, not the flow).
 */
export interface WhatsAppConversations {
  /**
   * A failure comes back as `failure`, or thrown before a chat exists; either way the channel
   * records it and tells the user something went wrong.
   */
  respond(turn: ConversationTurn): Promise<ConversationOutcome>;
  /** Ends the chat's session (and any handoff): the next message starts afresh. */
  reset(chatId: string, userId: string): Promise<void>;
}

/** The runtime user a phone number is. */
export function userIdOf(waId: string): string {
  return `whatsapp_${waId}`;
}
