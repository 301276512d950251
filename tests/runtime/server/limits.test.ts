import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import {
  ADMIN_TOKEN,
  as,
  CLIENT_TOKEN,
  connectChat,
  startTestServer,
  type TestServer,
} from "./test-server.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    RATE_LIMIT_PER_MINUTE: "3",
    MAX_WS_CONNECTIONS: "3",
    MAX_BODY_BYTES: "2048",
    MAX_QUESTION_LENGTH: "50",
    CORS_ORIGINS: "https://shop.example",
  });
});

afterAll(async () => {
  await server.stop();
});

describe("limits", () => {
  it("rate-limits each user's messages, and tells them when to try again", async () => {
    const client = await connectChat(server.wsUrl);
    for (let i = 0; i < 3; i++) {
      const events = await client.turn({ user_id: "hal", question: "Hi" });
      expect(events.at(-1)?.type).toBe("end");
    }
    const refused = await client.turn({ user_id: "hal", question: "Hi again" });
    expect(refused).toHaveLength(1);
    const error = as(refused[0], "error");
    expect(error.code).toBe("rate_limited");
    expect(error.message).toMatch(/try again in \d+ s/);
    // Another user is not held back by the first one.
    expect((await client.turn({ user_id: "ida", question: "Hi" })).at(-1)?.type).toBe("end");
    client.close();
  });

  it("applies the configured question length", async () => {
    const client = await connectChat(server.wsUrl);
    const [error] = await client.turn({ user_id: "jo", question: "x".repeat(51) });
    expect(as(error, "error").message).toContain("the limit is 50");
    client.close();
  });

  it("refuses connections past the cap with a clear error, and accepts again when one leaves", async () => {
    const open = await Promise.all([1, 2, 3].map(() => connectChat(server.wsUrl)));
    const extra = new WebSocket(`${server.wsUrl}?token=${CLIENT_TOKEN}`);
    const first = await new Promise<string>((resolve) => {
      extra.onmessage = (message) => resolve(String(message.data));
    });
    expect(JSON.parse(first)).toEqual({
      type: "error",
      code: "too_many_connections",
      message: "The server has reached its limit of open chat connections; try again later.",
    });
    const closed = await new Promise<number>((resolve) => {
      extra.onclose = (event) => resolve(event.code);
    });
    expect(closed).toBe(1013);

    open[0]?.close();
    await open[0]?.closed;
    await Bun.sleep(50);
    const again = await connectChat(server.wsUrl);
    again.close();
    for (const client of open.slice(1)) client.close();
  });

  it("refuses request bodies over the size limit", async () => {
    const response = await fetch(`${server.url}/api/chats/any/title?user_id=x`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ title: "t".repeat(4096) }),
    });
    expect(response.status).toBe(413);
  });

  it("allows cross-origin calls from the configured origins only", async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/api/chats/?user_id=x`, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "GET",
          "access-control-request-headers": "authorization",
        },
      });
    const allowed = await preflight("https://shop.example");
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://shop.example");
    const refused = await preflight("https://evil.example");
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
  });
});
