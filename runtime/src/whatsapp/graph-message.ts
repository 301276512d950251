/**
 * Request bodies of the Graph API's `POST /{version}/{phone-number-id}/messages`, in its own
 * (snake_case) names, for the message kinds the channel sends.
 * @module
 */

interface Addressed {
  messaging_product: "whatsapp";
  recipient_type: "individual";
  /** The user's WhatsApp id or phone number. */
  to: string;
}

export interface GraphTextMessage extends Addressed {
  type: "text";
  text: { preview_url: boolean; body: string };
}

interface ReplyButton {
  type: "reply";
  reply: { id: string; title: string };
}

export interface ListRow {
  id: string;
  title: string;
  description?: string;
}

interface GraphInteractiveMessage extends Addressed {
  type: "interactive";
  interactive:
    | { type: "button"; body: { text: string }; action: { buttons: ReplyButton[] } }
    | {
        type: "list";
        body: { text: string };
        action: { button: string; sections: { title?: string; rows: ListRow[] }[] };
      };
}

export type GraphMessage = GraphTextMessage | GraphInteractiveMessage;

/** What the phone reads of a message: its text, or an interactive message's body. */
export function messageText(message: GraphMessage): string {
  return message.type === "text" ? message.text.body : message.interactive.body.text;
}

/** Marks an incoming message (and the ones before it) as read: blue ticks on the user's phone. */
export interface GraphReadReceipt {
  messaging_product: "whatsapp";
  status: "read";
  message_id: string;
}

/** WhatsApp's limits on interactive messages, from the reply-button and list message references. */
export const INTERACTIVE_LIMITS = {
  body: 1024,
  buttons: 3,
  buttonTitle: 20,
  buttonId: 256,
  listButton: 20,
  rows: 10,
  rowTitle: 24,
  rowId: 200,
  rowDescription: 72,
} as const;
