import { describe, expect, it } from "bun:test";
import { parseWebhook } from "../../../runtime/src/whatsapp/parse-webhook.ts";
import {
  buttonReplyMessage,
  fixture,
  listReplyMessage,
  notification,
  statusUpdate,
  textMessage,
} from "./meta-webhooks.ts";

const allMessages = fixture<Record<string, unknown>>("pywa_all_message_updates.json");
const allStatuses = fixture<Record<string, unknown>>("pywa_all_status_updates.json");

const only = (body: unknown) => {
  const parsed = parseWebhook(body);
  expect(parsed.problems).toEqual([]);
  expect(parsed.messages).toHaveLength(1);
  return parsed.messages[0];
};

describe("parseWebhook", () => {
  it("reads a text message with its sender, profile name and business number", () => {
    expect(only(allMessages.text)).toEqual({
      id: "wamid.xyzxyz",
      from: "972987654321",
      timestamp: 1697043223,
      phoneNumberId: "1122334455667",
      profileName: "Test Name",
      type: "text",
      text: "Body Text",
    });
  });

  it("keeps the context of a reply and of a forwarded message", () => {
    expect(only(allMessages.reply)?.context).toEqual({
      from: "972123456789",
      id: "wamid.xyzxyz==",
    });
    expect(only(allMessages.forwarded)?.context).toEqual({ forwarded: true });
    expect(only(allMessages.forwarded_many_times)?.context).toEqual({ frequentlyForwarded: true });
    expect(only(allMessages.referral)).toMatchObject({ type: "text", text: "BODY" });
  });

  it("reads button and list replies from Meta's reference shape", () => {
    expect(
      only(notification({ messages: [buttonReplyMessage("1555", { id: "yes", title: "Yes" })] })),
    ).toMatchObject({
      type: "interactive",
      interactive: { kind: "button_reply", id: "yes", title: "Yes" },
    });
    const list = listReplyMessage("1555", {
      id: "row-2",
      title: "Returns",
      description: "30 days",
    });
    expect(only(notification({ messages: [list] }))).toMatchObject({
      type: "interactive",
      interactive: { kind: "list_reply", id: "row-2", title: "Returns", description: "30 days" },
    });
  });

  it("reads a template's quick-reply button", () => {
    expect(only(fixture("pywa_template_quick_reply_button.json"))).toMatchObject({
      type: "button",
      button: { text: "title", payload: "callback_data" },
      context: { id: "wamid.xyzxyz==" },
    });
  });

  it.each([
    ["image", "image", { id: "65463453", mimeType: "image/jpeg", sha256: "4654+8g=" }],
    ["media_with_url", "image", { id: "65463453", mimeType: "image/jpeg" }],
    ["video", "video", { id: "765756756", caption: "caption", mimeType: "video/mp4" }],
    ["document", "document", { filename: "filename.pdf", caption: "caption" }],
    ["audio", "audio", { voice: false, mimeType: "audio/ogg; codecs=opus" }],
    ["voice", "audio", { voice: true }],
    ["static_sticker", "sticker", { animated: false, mimeType: "image/webp" }],
    ["animated_sticker", "sticker", { animated: true }],
  ])("reads the media of the %s fixture", (kind, type, media) => {
    expect(only(allMessages[kind])).toMatchObject({ type, media });
  });

  it("reads locations, contacts, reactions, orders", () => {
    expect(only(allMessages.chosen_location)).toMatchObject({
      type: "location",
      location: { latitude: 37.4611978, longitude: -122.2164385, name: "Facebook HQ" },
    });
    expect(only(allMessages.current_location)).toMatchObject({
      type: "location",
      location: { latitude: 12.25089, longitude: 43.90539 },
    });
    expect(only(allMessages.contacts)).toMatchObject({ type: "contacts" });
    expect((only(allMessages.contacts) as { contacts: unknown[] }).contacts).toHaveLength(3);
    expect(only(allMessages.reaction)).toMatchObject({
      type: "reaction",
      reaction: { messageId: "wamid.yzxyzx=", emoji: "😮" },
    });
    expect(only(allMessages.unreaction_empty)).toMatchObject({ reaction: { emoji: null } });
    expect(only(allMessages.unreaction_no_emoji)).toMatchObject({ reaction: { emoji: null } });
    expect(only(allMessages.order)).toMatchObject({
      type: "order",
      order: { catalogId: "354160437058781", itemCount: 3 },
    });
  });

  it("keeps unsupported messages, with Meta's errors and the type it names", () => {
    expect(only(allMessages.unsupported)).toMatchObject({
      type: "unsupported",
      originalType: "unsupported",
      errors: [
        {
          code: 131051,
          title: "Message type unknown",
          details: "Message type is currently not supported.",
        },
      ],
    });
    expect(only(allMessages.unsupported_with_type)).toMatchObject({
      type: "unsupported",
      originalType: "pool",
    });
  });

  it("turns an interactive message that came without its content into unsupported, with the value's errors", () => {
    const parsed = parseWebhook(fixture("pywa_value_errors_131000.json"));
    expect(parsed.errors).toEqual([
      {
        code: 131000,
        title: "Something went wrong",
        message: "Something went wrong",
        details: "Unsupported webhook payload",
      },
    ]);
    expect(parsed.messages).toMatchObject([
      { type: "unsupported", originalType: "interactive", errors: [{ code: 131000 }] },
    ]);
  });

  it("reads every status, with the errors of a failed one", () => {
    for (const kind of ["sent", "delivered", "read", "played", "with_tracker", "group"]) {
      const parsed = parseWebhook(allStatuses[kind]);
      expect(parsed.problems).toEqual([]);
      expect(parsed.statuses).toHaveLength(1);
    }
    expect(parseWebhook(allStatuses.delivered).statuses).toEqual([
      {
        id: "wamid.xyzxyz",
        status: "delivered",
        timestamp: 1698266945,
        recipientId: "972987654321",
        errors: [],
      },
    ]);
    expect(parseWebhook(fixture("pywa_status_failed_130472.json")).statuses).toMatchObject([
      {
        status: "failed",
        errors: [{ code: 130472, title: "User's number is part of an experiment" }],
      },
    ]);
  });

  it("reads several entries, changes, messages and statuses in order", () => {
    const batched = fixture<{ entry: object[] }>("netflie_batched_two_changes_one_entry.json");
    expect(
      parseWebhook(batched).messages.map((message) => message.type === "text" && message.text),
    ).toEqual(["MESSAGE_BODY", "MESSAGE_BODY2"]);
    const first = notification({
      contacts: [
        { waId: "111", name: "Ana" },
        { waId: "222", name: "Bo" },
      ],
      messages: [textMessage("111", "one"), textMessage("222", "two")],
      statuses: [statusUpdate("wamid.out1", "sent", "111")],
    }) as { entry: object[] };
    const second = notification({ messages: [textMessage("111", "three")] }) as { entry: object[] };
    const parsed = parseWebhook({
      object: "whatsapp_business_account",
      entry: [...first.entry, ...second.entry],
    });
    expect(
      parsed.messages.map((m) => [m.from, m.profileName, m.type === "text" && m.text]),
    ).toEqual([
      ["111", "Ana", "one"],
      ["222", "Bo", "two"],
      ["111", null, "three"],
    ]);
    expect(parsed.statuses.map((s) => s.id)).toEqual(["wamid.out1"]);
  });

  it("ignores unknown fields and other webhook fields, and skips malformed items with a problem", () => {
    const body = notification({
      messages: [
        { ...textMessage("111", "fine"), brand_new_field: { nested: true } },
        { type: "text", text: { body: "no id or sender" } },
        "not an object",
      ],
      statuses: [{ id: "wamid.x", status: "deleted", timestamp: "1" }],
    }) as { entry: { changes: object[] }[] };
    body.entry[0]?.changes.push({
      field: "message_template_status_update",
      value: { event: "APPROVED" },
    });
    const parsed = parseWebhook({ ...body, another_unknown: 1 });
    expect(parsed.messages.map((m) => m.type === "text" && m.text)).toEqual(["fine"]);
    expect(parsed.statuses).toEqual([]);
    expect(parsed.problems).toHaveLength(3);
  });

  it("reads nothing from a body that isn't a WhatsApp notification", () => {
    expect(parseWebhook({ object: "page", entry: [] })).toMatchObject({
      messages: [],
      problems: [expect.any(String)],
    });
    expect(parseWebhook([1, 2])).toMatchObject({ messages: [], problems: [expect.any(String)] });
  });
});
