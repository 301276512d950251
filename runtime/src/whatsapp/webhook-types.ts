/**
 * What the WhatsApp Cloud API's `messages` webhook carries, as the channel reads it: incoming
 * messages as a union discriminated on `type` (Meta's own type names), status updates of the
 * messages the channel sent, and errors. Field names follow Meta's, in camelCase.
 * @module
 */

/** An error as Meta reports it in webhooks (`errors` of a value, a message or a status). */
export interface WhatsAppError {
  code: number;
  title?: string;
  message?: string;
  /** `error_data.details`: the most specific explanation. */
  details?: string;
  href?: string;
}

/** `context`: the message answered (a reply or a button tap) or that it was forwarded. */
export interface MessageContext {
  /** The business number the answered message came from. */
  from?: string;
  /** The answered message's id. */
  id?: string;
  forwarded?: boolean;
  frequentlyForwarded?: boolean;
}

interface MessageBase {
  /** The WhatsApp message id (`wamid.…`), unique per message: the inbox's key. */
  id: string;
  /** The sender's WhatsApp id (their phone number in international form, without `+`). */
  from: string;
  /** When the user sent it, in Unix seconds. */
  timestamp: number;
  /** The business phone number it was sent to (`metadata.phone_number_id`). */
  phoneNumberId: string;
  /** The sender's WhatsApp profile name, from the value's `contacts`. */
  profileName: string | null;
  context?: MessageContext;
}

export type MediaType = "image" | "audio" | "video" | "document" | "sticker";

/** A media attachment; the file itself is fetched by `id` through the Graph API, never here. */
interface Media {
  id: string;
  mimeType?: string;
  sha256?: string;
  caption?: string;
  filename?: string;
  /** Audio only: recorded as a voice note. */
  voice?: boolean;
  /** Sticker only. */
  animated?: boolean;
}

/** A tap on a reply button or a list row the business sent (`interactive`). */
export type InteractiveReply =
  | { kind: "button_reply"; id: string; title: string }
  | { kind: "list_reply"; id: string; title: string; description?: string }
  /** A WhatsApp Flow's submission; its answers are JSON in `responseJson`. */
  | { kind: "nfm_reply"; name?: string; body?: string; responseJson?: string };

export type IncomingMessage = MessageBase &
  (
    | { type: "text"; text: string }
    | { type: "interactive"; interactive: InteractiveReply }
    /** A tap on a template's quick-reply button. */
    | { type: "button"; button: { text: string; payload: string } }
    | { type: MediaType; media: Media }
    | {
        type: "location";
        location: {
          latitude: number;
          longitude: number;
          name?: string;
          address?: string;
          url?: string;
        };
      }
    /** Shared contact cards, kept as sent: the channel only records them. */
    | { type: "contacts"; contacts: unknown[] }
    /** A reaction to a message; an empty or missing emoji takes the reaction away. */
    | { type: "reaction"; reaction: { messageId: string; emoji: string | null } }
    | { type: "order"; order: { catalogId?: string; text?: string; itemCount: number } }
    /** A system notice, e.g. the user changed their number. */
    | { type: "system"; system: { type?: string; body?: string } }
    /**
     * What WhatsApp can't deliver to the API (`unsupported`, `unknown`), a type this channel
     * doesn't know, or a known type whose content is missing; `errors` says why when Meta does.
     */
    | {
        type: "unsupported";
        /** The type the user sent as far as Meta says: its `type`, or `unsupported.type` (e.g. "poll"). */
        originalType: string;
        errors: WhatsAppError[];
      }
  );

/** The delivery states Meta reports for a message the business sent. */
export type DeliveryStatus = "sent" | "delivered" | "read" | "played" | "failed";

export interface StatusUpdate {
  /** The id of the message the business sent, as the Graph API answered it. */
  id: string;
  status: DeliveryStatus;
  timestamp: number;
  recipientId: string;
  /** Why it failed (status `failed`). */
  errors: WhatsAppError[];
}

/** One webhook request, read: several entries and changes flattened, in the order sent. */
export interface ParsedWebhook {
  messages: IncomingMessage[];
  statuses: StatusUpdate[];
  /** Errors about the account or a request rather than one message (`value.errors`). */
  errors: WhatsAppError[];
  /** What had to be skipped and why, one sentence each, for the log. */
  problems: string[];
}
