import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import { createTestApp, type TestApp } from "./test-app.ts";

let api: TestApp;

beforeAll(async () => {
  api = await createTestApp();
});

afterAll(() => api.close());

describe("channel bindings", () => {
  it("start with every channel on the configured flow and no widget", async () => {
    expect(await api.call("GET", "/api/channels")).toMatchObject({
      status: 200,
      body: {
        defaultFlow: "support",
        channels: {
          api: { flowId: "support", bound: false, enabled: true },
          whatsapp: { flowId: "support", bound: false, enabled: false },
        },
        widgets: [],
      },
    });
  });

  it("send the chat API's new chats to its bound flow, and back when unbound", async () => {
    expect(await api.call("PUT", "/api/channels/api", { body: { flow: "faq" } })).toMatchObject({
      status: 200,
      body: { flowId: "faq", bound: true },
    });
    const chat = await api.call("POST", "/api/chat", {
      body: { message: "Do you take Apple Pay?" },
    });
    const { chat_id } = chat.body as { chat_id: string };
    const sessions = await api.call("GET", `/api/chats/${chat_id}/sessions`);
    expect(sessions.body).toMatchObject([{ flowId: "faq" }]);

    await api.call("DELETE", "/api/channels/api");
    const next = await api.call("POST", "/api/chat", { body: { message: "Hi there!" } });
    const again = await api.call(
      "GET",
      `/api/chats/${(next.body as { chat_id: string }).chat_id}/sessions`,
    );
    expect(again.body).toMatchObject([{ flowId: "support" }]);
  });

  it("refuse a flow that is not published, and an unknown channel", async () => {
    expect(
      (await api.call("PUT", "/api/channels/whatsapp", { body: { flow: "nope" } })).status,
    ).toBe(404);
    expect((await api.call("PUT", "/api/channels/telex", { body: { flow: "faq" } })).status).toBe(
      400,
    );
  });

  it("keep a flow's widget settings, served to any page", async () => {
    const settings = {
      title: "Voltra help",
      welcome: "Hi! Ask me about opening hours.",
      quickStarts: ["Opening hours"],
      accent: "#0f766e",
      position: "left",
      theme: "dark",
      language: "es",
    };
    expect(await api.call("PUT", "/api/widgets/faq", { body: { settings } })).toMatchObject({
      status: 200,
      body: { flowId: "faq", settings },
    });
    const res = await api.app.handle(new Request("http://localhost/widgets/faq"));
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(await res.json()).toEqual({ flowId: "faq", settings });
    expect((await api.call("GET", "/api/channels")).body).toMatchObject({
      widgets: [{ flowId: "faq", settings }],
    });
  });

  it("refuse widget settings it can't show, naming the field", async () => {
    const res = await api.call("PUT", "/api/widgets/faq", {
      body: { settings: { accent: "teal" } },
    });
    expect(res.status).toBe(400);
    expect((res.body as { message: string }).message).toContain("accent");
    expect((await api.app.handle(new Request("http://localhost/widgets/sales"))).status).toBe(404);
  });

  it("drop a deleted flow's bindings", async () => {
    await api.call("PUT", "/api/channels/whatsapp", { body: { flow: "sales" } });
    await api.call("PUT", "/api/widgets/sales", { body: { settings: {} } });
    expect((await api.call("DELETE", "/api/flows/sales")).status).toBeLessThan(300);
    const { body } = await api.call("GET", "/api/channels");
    expect(body).toMatchObject({ channels: { whatsapp: { flowId: "support", bound: false } } });
    expect((body as { widgets: { flowId: string }[] }).widgets.map((w) => w.flowId)).toEqual([
      "faq",
    ]);
  });
});
