import { arrayAt, isObject, type JsonObject, numberAt, objectAt, stringAt } from "./json-fields.ts";
import { parseErrors, parseMessage } from "./parse-message.ts";
import type { DeliveryStatus, ParsedWebhook, StatusUpdate } from "./webhook-types.ts";

const DELIVERY_STATUSES = new Set<string>(["sent", "delivered", "read", "played", "failed"]);

/**
 * Reads a `messages` webhook body (already JSON-decoded): every entry, every change, every
 * message and status, in order. Unknown fields are ignored and unknown shapes skipped with a
 * problem, never thrown, so one odd item doesn't cost the others; changes of other fields
 * (template updates and the like) are skipped silently, as they are not for this channel.
 *
 * @example
 * const { messages, statuses } = parseWebhook(JSON.parse(text));
 */
export function parseWebhook(body: unknown): ParsedWebhook {
  const parsed: ParsedWebhook = { messages: [], statuses: [], errors: [], problems: [] };
  if (!isObject(body) || body.object !== "whatsapp_business_account") {
    parsed.problems.push(
      `The body is not a WhatsApp Business Account notification (object ${JSON.stringify(isObject(body) ? (body.object ?? null) : null)}).`,
    );
    return parsed;
  }
  for (const entry of arrayAt(body, "entry")) {
    if (!isObject(entry)) continue;
    for (const change of arrayAt(entry, "changes")) {
      if (!isObject(change) || change.field !== "messages") continue;
      const value = objectAt(change, "value");
      if (value) readValue(value, parsed);
    }
  }
  return parsed;
}

function readValue(value: JsonObject, parsed: ParsedWebhook): void {
  const phoneNumberId = stringAt(objectAt(value, "metadata"), "phone_number_id") ?? "";
  const valueErrors = parseErrors(value);
  parsed.errors.push(...valueErrors);
  const profileNames = new Map<string, string>();
  for (const contact of arrayAt(value, "contacts")) {
    if (!isObject(contact)) continue;
    const waId = stringAt(contact, "wa_id");
    const name = stringAt(objectAt(contact, "profile"), "name");
    if (waId && name) profileNames.set(waId, name);
  }
  for (const raw of arrayAt(value, "messages")) {
    const result = parseMessage(raw, { phoneNumberId, profileNames, valueErrors });
    if ("message" in result) parsed.messages.push(result.message);
    else parsed.problems.push(result.problem);
  }
  for (const raw of arrayAt(value, "statuses")) {
    const status = parseStatus(raw);
    if (typeof status === "string") parsed.problems.push(status);
    else parsed.statuses.push(status);
  }
}

function parseStatus(raw: unknown): StatusUpdate | string {
  if (!isObject(raw)) return "A status is not an object.";
  const id = stringAt(raw, "id");
  const status = stringAt(raw, "status");
  const timestamp = numberAt(raw, "timestamp");
  if (!id || !status || timestamp === undefined)
    return `A status lacks its id, status or timestamp (id ${JSON.stringify(id ?? null)}).`;
  if (!DELIVERY_STATUSES.has(status))
    return `Status "${status}" of message ${id} is not one this channel knows.`;
  return {
    id,
    status: status as DeliveryStatus,
    timestamp,
    recipientId: stringAt(raw, "recipient_id") ?? "",
    errors: parseErrors(raw),
  };
}
