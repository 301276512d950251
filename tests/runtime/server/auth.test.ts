import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createApp } from "../../../runtime/src/app.ts";
import {
  ADMIN_TOKEN,
  api,
  as,
  connectChat,
  startTestServer,
  type TestServer,
} from "./test-server.ts";

const CLIENT_TOKEN = "client-token-for-tests";
const UNAUTHORIZED = { code: "unauthorized", message: "A valid bearer token is required." };

let server: TestServer;
let chatId = "";

beforeAll(async () => {
  server = await startTestServer({ CLIENT_TOKEN });
  const client = await connectChat(server.wsUrl, CLIENT_TOKEN);
  chatId = as((await client.turn({ user_id: "gil", question: "Hello!" }))[0], "start").chat_id;
  client.close();
});

afterAll(async () => {
  await server.stop();
});

/** Every chat route, as a client of user "gil" calls it. */
const chatRoutes = () =>
  [
    ["GET", "/api/chats/?user_id=gil"],
    ["GET", `/api/chats/${chatId}/messages?user_id=gil`],
    ["GET", `/api/chats/${chatId}/sessions?user_id=gil`],
    ["PATCH", `/api/chats/${chatId}/title?user_id=gil`, { title: "Renamed" }],
    ["POST", `/api/chats/${chatId}/reset?user_id=gil`],
  ] as const;

describe("bearer tokens", () => {
  it("refuses every route under /api/ without a token, with a 401 that tells nothing more", async () => {
    const app = createApp(server.running.services);
    // Signing in is the one route under /api/ that takes no credentials.
    const routes = app.routes.filter(
      (route) => route.path.startsWith("/api/") && route.path !== "/api/auth/sign-in",
    );
    expect(routes.length).toBeGreaterThanOrEqual(5);
    for (const route of routes) {
      const path = route.path.replaceAll(/:(\w+)/g, "x");
      for (const authorization of [undefined, "Bearer wrong-token", "Basic abc", "Bearer"]) {
        const response = await app.handle(
          new Request(`http://localhost${path}`, {
            method: route.method,
            headers: authorization ? { authorization } : {},
          }),
        );
        expect({ route: `${route.method} ${path}`, status: response.status }).toEqual({
          route: `${route.method} ${path}`,
          status: 401,
        });
        expect(await response.json()).toEqual(UNAUTHORIZED);
      }
    }
  });

  it("lets the client token and the admin token use the chat routes", async () => {
    for (const token of [CLIENT_TOKEN, ADMIN_TOKEN]) {
      for (const [method, path, body] of chatRoutes()) {
        const response = await api(server, path, { method, token, body });
        expect({ path, status: response.status }).toEqual({ path, status: 200 });
      }
    }
  });

  it("opens another user's chat to the admin token only", async () => {
    const path = `/api/chats/${chatId}/messages`;
    const asClient = await api(server, path, { token: CLIENT_TOKEN });
    expect(asClient.status).toBe(400);
    expect(asClient.body).toMatchObject({ code: "invalid_request" });
    expect((asClient.body as { message: string }).message).toContain("user_id is required");
    const asOther = await api(server, `${path}?user_id=someone-else`, { token: CLIENT_TOKEN });
    expect(asOther.status).toBe(404);
    const asAdmin = await api(server, path, { token: ADMIN_TOKEN });
    expect(asAdmin.status).toBe(200);
    expect((asAdmin.body as unknown[]).length).toBeGreaterThan(0);
  });

  it("refuses a WebSocket without the client token, and accepts it in the query", async () => {
    for (const url of [server.wsUrl, `${server.wsUrl}?token=wrong`]) {
      const socket = new WebSocket(url);
      const outcome = await new Promise<string>((resolve) => {
        socket.onmessage = () => resolve("message");
        socket.onerror = () => resolve("refused");
        socket.onclose = () => resolve("refused");
      });
      expect(outcome).toBe("refused");
    }
    const client = await connectChat(server.wsUrl, ADMIN_TOKEN);
    client.close();
  });

  it("keeps the liveness, readiness and docs routes public", async () => {
    for (const path of ["/health", "/ready", "/models", "/docs/json", "/"]) {
      expect({ path, status: (await fetch(`${server.url}${path}`)).status }).toEqual({
        path,
        status: 200,
      });
    }
  });
});

describe("the admin token", () => {
  it("is generated on a first start without ADMIN_TOKEN, stored, and printed once", async () => {
    const printed: string[] = [];
    const first = await startTestServer({ ADMIN_TOKEN: "" }, (message) => printed.push(message));
    const stored = (await readFile(join(first.dataDir, "admin-token"), "utf8")).trim();
    expect(stored).toMatch(/^sb_admin_[\w-]{32}$/);
    // The token, then the first staff account's password: each printed once.
    expect(printed).toHaveLength(2);
    expect(printed[0]).toContain(stored);
    expect(printed[1]).toContain("admin@localhost");
    await first.stop({ keepData: true });

    const second = await startTestServer({ ADMIN_TOKEN: "", DATA_DIR: first.dataDir }, (message) =>
      printed.push(message),
    );
    expect(printed).toHaveLength(2);
    const { status } = await api(second, "/api/chats/?user_id=anyone", { token: stored });
    expect(status).toBe(200);
    await second.stop();
  });
});
