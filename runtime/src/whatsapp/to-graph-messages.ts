import {
  type GraphMessage,
  type GraphTextMessage,
  INTERACTIVE_LIMITS as LIMITS,
  type ListRow,
} from "./graph-message.ts";
import { splitTail, splitText } from "./split-text.ts";

/** What the channel sends for one reply of a flow or a human agent. */
export interface OutgoingReply {
  /** The chat message it shows, when stored there (a human agent's): sent once per id. */
  messageId?: string;
  text: string;
  /** A `reply` node's quick-reply buttons: the id is what a tap sends back. */
  quickReplies?: { id: string; title: string }[];
}

/**
 * The Graph API messages one reply becomes, in sending order: its text in pieces of at most
 * 4,096 characters, and its quick replies as reply buttons (three at most, titles of 20
 * characters at most, all different) or else as a list (ten rows a message), whose body is
 * the text's last piece that fits an interactive body.
 *
 * @example
 * for (const body of toGraphMessages("15551234567", { text: "Pick one", quickReplies })) await graph.send(body);
 */
export function toGraphMessages(
  to: string,
  { text, quickReplies = [] }: OutgoingReply,
  { listButtonLabel }: { listButtonLabel: string },
): GraphMessage[] {
  const address = { messaging_product: "whatsapp", recipient_type: "individual", to } as const;
  const textMessage = (body: string): GraphTextMessage => ({
    ...address,
    type: "text",
    // A link gets its preview, as in the WhatsApp app.
    text: { preview_url: /https?:\/\//.test(body), body },
  });
  if (quickReplies.length === 0) return splitText(text).map(textMessage);

  const { head, tail } = splitTail(text, LIMITS.body);
  // The interactive body can't be empty; the list's label says what the buttons are.
  const body = { text: tail || listButtonLabel };
  const messages: GraphMessage[] = splitText(head).map(textMessage);
  if (fitButtons(quickReplies)) {
    messages.push({
      ...address,
      type: "interactive",
      interactive: {
        type: "button",
        body,
        action: { buttons: quickReplies.map((reply) => ({ type: "reply", reply })) },
      },
    });
    return messages;
  }
  const rows = quickReplies.map(toRow);
  for (let start = 0; start < rows.length; start += LIMITS.rows) {
    messages.push({
      ...address,
      type: "interactive",
      interactive: {
        type: "list",
        body: start === 0 ? body : { text: listButtonLabel },
        action: {
          button: listButtonLabel,
          sections: [{ rows: rows.slice(start, start + LIMITS.rows) }],
        },
      },
    });
  }
  return messages;
}

function fitButtons(replies: { id: string; title: string }[]): boolean {
  const distinct = (values: string[]) => new Set(values).size === values.length;
  return (
    replies.length <= LIMITS.buttons &&
    replies.every(
      (reply) => reply.title.length <= LIMITS.buttonTitle && reply.id.length <= LIMITS.buttonId,
    ) &&
    distinct(replies.map((reply) => reply.title)) &&
    distinct(replies.map((reply) => reply.id))
  );
}

/** A list row; a title too long for one is shortened, and given whole as the description. */
function toRow({ id, title }: { id: string; title: string }): ListRow {
  // A tap answers with the row's id, so one too long for a row falls back to the title it shows.
  const rowId = id.length <= LIMITS.rowId ? id : title.slice(0, LIMITS.rowId);
  if (title.length <= LIMITS.rowTitle) return { id: rowId, title };
  return {
    id: rowId,
    title: `${title.slice(0, LIMITS.rowTitle - 1)}…`,
    description: title.slice(0, LIMITS.rowDescription),
  };
}
