import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import { ADMIN_TOKEN, createTestApp, type TestApp } from "./test-app.ts";

/**
 * The chat history routes and the request/response chat, open to chat clients when no
 * CLIENT_TOKEN is set; every other route under /api/ is for admins. A new route is protected
 * unless it is added here on purpose.
 */
const PUBLIC_CHAT_ROUTES = [
  "POST /api/chat",
  "POST /api/auth/sign-in",
  "GET /api/chats/",
  "GET /api/chats/:id/messages",
  "GET /api/chats/:id/sessions",
  "PATCH /api/chats/:id/title",
  "POST /api/chats/:id/reset",
];

const UNAUTHORIZED = { code: "unauthorized", message: "A valid bearer token is required." };

/** Ways to get it wrong: no token, someone else's, the admin token mistyped, another scheme. */
const WRONG_CREDENTIALS: { authorization?: string; query?: string }[] = [
  {},
  { authorization: "Bearer wrong-token-0123456789" },
  { authorization: `Bearer ${ADMIN_TOKEN.slice(0, -1)}` },
  { authorization: `Basic ${btoa(`admin:${ADMIN_TOKEN}`)}` },
  { authorization: "Bearer" },
  { query: "token=wrong-token-0123456789" },
];

/** A body that would fail any schema and the engine's validator, so an early check would show. */
const BROKEN_FLOW = { flow: { id: "x", nodes: "none" }, id: "x", nodes: [{}] };

let api: TestApp;
let protectedRoutes: { method: string; path: string }[];

beforeAll(async () => {
  api = await createTestApp();
  protectedRoutes = api.app.routes
    .filter((route) => route.path.startsWith("/api/"))
    .filter((route) => !PUBLIC_CHAT_ROUTES.includes(`${route.method} ${route.path}`));
});

afterAll(async () => {
  await api.close();
});

function request(
  { method, path }: { method: string; path: string },
  { authorization, query }: { authorization?: string; query?: string },
): Request {
  const url = `http://localhost${path.replaceAll(/:\w+/g, "x")}${query ? `?${query}` : ""}`;
  const hasBody = !["GET", "HEAD", "DELETE"].includes(method);
  return new Request(url, {
    method,
    headers: {
      ...(authorization ? { authorization } : {}),
      ...(hasBody ? { "content-type": "application/json" } : {}),
    },
    body: hasBody ? JSON.stringify(BROKEN_FLOW) : undefined,
  });
}

describe("admin routes under /api/", () => {
  it("are every route but the listed chat routes, which all exist", () => {
    const all = api.app.routes.map((route) => `${route.method} ${route.path}`);
    for (const route of PUBLIC_CHAT_ROUTES) expect(all).toContain(route);
    const paths = protectedRoutes.map((route) => route.path);
    for (const prefix of ["/api/flows", "/api/handoffs", "/api/chats/:id/runs"])
      expect(paths.some((path) => path.startsWith(prefix))).toBe(true);
  });

  it("answer 401 to a missing or wrong token, saying nothing more", async () => {
    for (const route of protectedRoutes) {
      for (const credentials of WRONG_CREDENTIALS) {
        const response = await api.app.handle(request(route, credentials));
        const text = await response.text();
        const seen = { route: `${route.method} ${route.path}`, ...credentials };
        expect({ ...seen, status: response.status }).toEqual({ ...seen, status: 401 });
        expect(JSON.parse(text)).toEqual(UNAUTHORIZED);
        expect(response.headers.get("www-authenticate")).toBeNull();
      }
    }
  });

  it("let the admin token through to every one of them", async () => {
    for (const route of protectedRoutes) {
      const response = await api.app.handle(
        request(route, { authorization: `Bearer ${ADMIN_TOKEN}` }),
      );
      const seen = `${route.method} ${route.path}`;
      expect({ seen, unauthorized: response.status === 401 }).toEqual({
        seen,
        unauthorized: false,
      });
    }
  });
});
