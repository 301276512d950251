import { describe, expect, it } from "bun:test";
import { toGraphMessages } from "../../../runtime/src/whatsapp/to-graph-messages.ts";

const options = { listButtonLabel: "Options" };
const envelope = {
  messaging_product: "whatsapp",
  recipient_type: "individual",
  to: "16505551234",
} as const;
const replies = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `option-${i + 1}`, title: `Option ${i + 1}` }));

describe("toGraphMessages", () => {
  it("sends text as a text message, with a link preview only when it has a link", () => {
    expect(toGraphMessages("16505551234", { text: "Hello!" }, options)).toEqual([
      { ...envelope, type: "text", text: { preview_url: false, body: "Hello!" } },
    ]);
    const link = toGraphMessages(
      "16505551234",
      { text: "See https://voltra.example/faq" },
      options,
    );
    expect(link[0]).toMatchObject({ text: { preview_url: true } });
  });

  it("sends a text over 4,096 characters as several messages", () => {
    const text = Array.from({ length: 300 }, (_, i) => `Line ${i} of the long answer.`).join("\n");
    const messages = toGraphMessages("16505551234", { text }, options);
    expect(messages.length).toBe(3);
    for (const message of messages)
      expect(message.type === "text" && message.text.body.length).toBeLessThanOrEqual(4096);
  });

  it("turns up to three quick replies into reply buttons", () => {
    expect(
      toGraphMessages("16505551234", { text: "Anything else?", quickReplies: replies(3) }, options),
    ).toEqual([
      {
        ...envelope,
        type: "interactive",
        interactive: {
          type: "button",
          body: { text: "Anything else?" },
          action: {
            buttons: replies(3).map((reply) => ({ type: "reply", reply })),
          },
        },
      },
    ]);
  });

  it("turns more than three quick replies into a list, ten rows a message", () => {
    const [list] = toGraphMessages(
      "16505551234",
      { text: "Pick a topic", quickReplies: replies(5) },
      options,
    );
    expect(list).toEqual({
      ...envelope,
      type: "interactive",
      interactive: {
        type: "list",
        body: { text: "Pick a topic" },
        action: { button: "Options", sections: [{ rows: replies(5) }] },
      },
    });
    const many = toGraphMessages(
      "16505551234",
      { text: "Pick", quickReplies: replies(12) },
      options,
    );
    expect(many.map((m) => m.type === "interactive" && m.interactive.type)).toEqual([
      "list",
      "list",
    ]);
  });

  it("uses a list when buttons can't show the titles, shortening titles too long for a row", () => {
    const title = "Schedule a test ride at the shop";
    const [list] = toGraphMessages(
      "1",
      { text: "Next?", quickReplies: [{ id: "ride", title }] },
      options,
    );
    expect(list).toMatchObject({
      interactive: {
        type: "list",
        action: {
          sections: [
            { rows: [{ id: "ride", title: "Schedule a test ride at…", description: title }] },
          ],
        },
      },
    });
    const same = [
      { id: "a", title: "Yes" },
      { id: "b", title: "Yes" },
    ];
    expect(toGraphMessages("1", { text: "?", quickReplies: same }, options)[0]).toMatchObject({
      interactive: { type: "list" },
    });
  });

  it("sends a long text before the buttons, whose body fits 1,024 characters", () => {
    const text = `${"Details follow. ".repeat(100)}\n\nWhich size fits you?`;
    const messages = toGraphMessages("1", { text, quickReplies: replies(2) }, options);
    expect(messages.map((m) => m.type)).toEqual(["text", "interactive"]);
    expect(messages[1]).toMatchObject({ interactive: { body: { text: "Which size fits you?" } } });
  });

  it("gives buttons of an empty text the list label as their body", () => {
    expect(toGraphMessages("1", { text: "", quickReplies: replies(1) }, options)[0]).toMatchObject({
      interactive: { type: "button", body: { text: "Options" } },
    });
  });
});
