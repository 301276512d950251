import { describe, expect, it } from "bun:test";
import type { ChannelsOverview } from "../../../runtime/src/channels/channel-service.ts";
import { describeLive, livePlaces } from "../../../studio/src/channels/live-places.ts";
import { embedSnippet, previewUrl } from "../../../studio/src/channels/widget-preview.ts";

const overview: ChannelsOverview = {
  defaultFlow: "support",
  channels: {
    api: { flowId: "faq", bound: true, enabled: true, updatedAt: "2026-12-07T16:00:00Z" },
    whatsapp: { flowId: "support", bound: false, enabled: false, updatedAt: null },
  },
  widgets: [{ flowId: "sales", settings: {}, updatedAt: "2026-12-07T16:00:00Z" }],
};

describe("where a flow is live", () => {
  it("names the channels bound to it, the OpenAI API always, and nothing unpublished", () => {
    expect(livePlaces("faq", 2, overview)).toEqual(["chat API", "OpenAI API"]);
    expect(livePlaces("sales", 1, overview)).toEqual(["web widget", "OpenAI API"]);
    // WhatsApp is off: the flow it falls back to is not live there.
    expect(livePlaces("support", 1, overview)).toEqual(["OpenAI API"]);
    expect(
      livePlaces("support", 1, {
        ...overview,
        channels: {
          ...overview.channels,
          whatsapp: { ...overview.channels.whatsapp, enabled: true },
        },
      }),
    ).toEqual(["WhatsApp", "OpenAI API"]);
    expect(livePlaces("faq", null, overview)).toEqual([]);
  });

  it("says it in one line", () => {
    expect(describeLive("faq", 2, overview)).toBe("Live: version 2 on chat API, OpenAI API");
    expect(describeLive("faq", null, overview)).toBe("Not live: no version is published");
  });
});

describe("the widget's preview and snippet", () => {
  it("passes unsaved settings to the page as its parameters", () => {
    const url = new URL(
      previewUrl("sales", { welcome: "Hi & welcome", quickStarts: ["A", " ", "B"], theme: "dark" }),
      "http://x",
    );
    expect(url.searchParams.get("flow")).toBe("sales");
    expect(url.searchParams.get("welcome")).toBe("Hi & welcome");
    expect(url.searchParams.getAll("quick")).toEqual(["A", "B"]);
    expect(url.searchParams.get("theme")).toBe("dark");
  });

  it("gives the script tag to paste", () => {
    expect(embedSnippet("https://chat.example.com", "sales")).toBe(
      '<script src="https://chat.example.com/embed.js" data-flow="sales" async></script>',
    );
  });
});
