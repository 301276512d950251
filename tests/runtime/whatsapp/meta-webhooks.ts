/**
 * Webhook bodies shaped as Meta's WhatsApp Cloud API reference documents them ("Messages
 * webhooks reference": text, interactive button_reply and list_reply, …; "Status messages"),
 * for the cases the recorded fixtures in tests/fixtures/whatsapp don't cover.
 * @module
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const BUSINESS_PHONE_NUMBER_ID = "106540352242922";
const BUSINESS_DISPLAY_NUMBER = "15550783881";
const WABA_ID = "102290129340398";

/** A recorded fixture from tests/fixtures/whatsapp. */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(
    readFileSync(join(import.meta.dir, "../../fixtures/whatsapp", name), "utf8"),
  ) as T;
}

export interface Sender {
  waId: string;
  name: string;
}

/** One `messages` change: the value's metadata, contacts and messages (and statuses). */
export function notification(
  value: { contacts?: Sender[]; messages?: unknown[]; statuses?: unknown[]; errors?: unknown[] },
  phoneNumberId = BUSINESS_PHONE_NUMBER_ID,
): object {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: WABA_ID,
        changes: [
          {
            value: {
              messaging_product: "whatsapp",
              metadata: {
                display_phone_number: BUSINESS_DISPLAY_NUMBER,
                phone_number_id: phoneNumberId,
              },
              ...(value.contacts && {
                contacts: value.contacts.map(({ waId, name }) => ({
                  profile: { name },
                  wa_id: waId,
                })),
              }),
              ...(value.messages && { messages: value.messages }),
              ...(value.statuses && { statuses: value.statuses }),
              ...(value.errors && { errors: value.errors }),
            },
            field: "messages",
          },
        ],
      },
    ],
  };
}

let counter = 0;
/** A fresh message id in Meta's form. */
export function wamid(): string {
  counter += 1;
  return `wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQz${counter.toString(16).padStart(8, "0")}AA==`;
}

const now = () => String(Math.floor(Date.now() / 1000));

export function textMessage(from: string, body: string, id = wamid()): object {
  return { from, id, timestamp: now(), text: { body }, type: "text" };
}

/** A tap on a reply button the business sent (interactive `button_reply`). */
export function buttonReplyMessage(
  from: string,
  reply: { id: string; title: string },
  context = "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJCOTY3NDc0NDFDRUI3NTA0Q0UA",
): object {
  return {
    context: { from: BUSINESS_DISPLAY_NUMBER, id: context },
    from,
    id: wamid(),
    timestamp: now(),
    type: "interactive",
    interactive: { type: "button_reply", button_reply: reply },
  };
}

/** A choice from a list the business sent (interactive `list_reply`). */
export function listReplyMessage(
  from: string,
  reply: { id: string; title: string; description?: string },
): object {
  return {
    context: { from: BUSINESS_DISPLAY_NUMBER, id: "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJMSVNUAA==" },
    from,
    id: wamid(),
    timestamp: now(),
    type: "interactive",
    interactive: { type: "list_reply", list_reply: reply },
  };
}

/** A status update of a message the business sent. */
export function statusUpdate(
  id: string,
  status: "sent" | "delivered" | "read" | "failed",
  recipientId: string,
  errors?: object[],
): object {
  return {
    id,
    status,
    timestamp: now(),
    recipient_id: recipientId,
    ...(status !== "failed" && {
      conversation: { id: "7270432eae37498234f4444b35ffc5", origin: { type: "service" } },
      pricing: { billable: true, pricing_model: "PMP", category: "service" },
    }),
    ...(errors && { errors }),
  };
}

/** The pywa fixture of one message type, addressed from `from` with a fresh id. */
export function fixtureMessage(kind: string, from: string): { body: object; id: string } {
  const all = fixture<
    Record<string, { entry: { changes: { value: { messages: object[] } }[] }[] }>
  >("pywa_all_message_updates.json");
  const body = structuredClone(all[kind]);
  if (!body) throw new Error(`pywa_all_message_updates.json has no "${kind}"`);
  const value = body.entry[0]?.changes[0]?.value as {
    messages: { from: string; id: string }[];
    contacts?: { wa_id: string }[];
  };
  const id = wamid();
  for (const message of value.messages) Object.assign(message, { from, id });
  for (const contact of value.contacts ?? []) contact.wa_id = from;
  return { body, id };
}
