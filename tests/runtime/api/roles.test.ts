import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import type { Role, RoleNeed } from "../../../runtime/src/accounts/roles.ts";
import { createStaffUser } from "./staff-users.ts";
import { ADMIN_TOKEN, createTestApp, type TestApp } from "./test-app.ts";

const READERS: RoleNeed = ["viewer", "agent"];
/** Reading flows: editors and viewers; an agent is told it lacks the editor role. */
const FLOW_READERS: RoleNeed = ["editor", "viewer"];
const ANY_STAFF: RoleNeed = ["viewer", "agent"];

/**
 * What each route under /api/ needs. A new route fails the first test until it is listed here,
 * so none is added without deciding who may call it.
 */
const ROUTE_ROLES: Record<string, RoleNeed | "public"> = {
  "POST /api/auth/sign-in": "public",
  "POST /api/auth/sign-out": ANY_STAFF,
  "GET /api/auth/me": ANY_STAFF,
  "GET /api/auth/tokens": ANY_STAFF,
  "POST /api/auth/tokens": ANY_STAFF,
  "DELETE /api/auth/tokens/:id": ANY_STAFF,
  "GET /api/users/": "admin",
  "POST /api/users/invites": "admin",
  "PATCH /api/users/:id": "admin",
  "POST /api/users/:id/password-reset": "admin",
  "GET /api/audit/": "admin",
  // A chat client's (its verified chat identity), or a trusted backend's: no staff role.
  "POST /api/chat": "public",
  "GET /api/chats/": "public",
  "GET /api/chats/:id/messages": "public",
  "GET /api/chats/:id/sessions": "public",
  "PATCH /api/chats/:id/title": "public",
  "POST /api/chats/:id/reset": "public",
  "GET /api/chats/:id/runs": READERS,
  "GET /api/conversations/": READERS,
  // Analytics is for viewers and up (editors, admins); agents work the inbox.
  "GET /api/analytics/": "viewer",
  "GET /api/flows/": FLOW_READERS,
  "POST /api/flows/": "editor",
  "POST /api/flows/validate": "editor",
  "POST /api/flows/import": "editor",
  "GET /api/flows/:id": FLOW_READERS,
  "GET /api/flows/:id/versions": FLOW_READERS,
  "POST /api/flows/:id/versions": "editor",
  "PUT /api/flows/:id/draft": "editor",
  "POST /api/flows/:id/publish": "editor",
  "GET /api/flows/:id/diff": FLOW_READERS,
  "GET /api/flows/:id/export": FLOW_READERS,
  "DELETE /api/flows/:id": "editor",
  "GET /api/flows/:id/nodes/:node/intent-report": FLOW_READERS,
  "GET /api/flows/:id/knowledge/": FLOW_READERS,
  "POST /api/flows/:id/knowledge/:base/entries": "editor",
  "PUT /api/flows/:id/knowledge/:base/entries/:entry": "editor",
  "DELETE /api/flows/:id/knowledge/:base/entries/:entry": "editor",
  "POST /api/flows/:id/knowledge/:base/import/preview": "editor",
  "POST /api/flows/:id/knowledge/:base/import": "editor",
  "GET /api/flows/:id/knowledge/:base/export": FLOW_READERS,
  "POST /api/flows/:id/knowledge/:base/test": FLOW_READERS,
  "GET /api/flows/:id/knowledge/:base/unanswered": FLOW_READERS,
  "POST /api/flows/:id/test-turn": "editor",
  "POST /api/flows/:id/simulations/run": "editor",
  "GET /api/flows/:id/simulations": FLOW_READERS,
  "POST /api/flows/:id/simulations": "editor",
  "PUT /api/flows/:id/simulations": "editor",
  "PUT /api/flows/:id/simulations/:name": "editor",
  "DELETE /api/flows/:id/simulations/:name": "editor",
  "GET /api/channels": "editor",
  "PUT /api/channels/:channel": "editor",
  "DELETE /api/channels/:channel": "editor",
  "GET /api/widgets/:flow": "editor",
  "PUT /api/widgets/:flow": "editor",
  "DELETE /api/widgets/:flow": "editor",
  "GET /api/replay/chats/:id/sessions": "editor",
  "POST /api/replay/sessions/:id": "editor",
  "POST /api/replay/sessions/:id/fork": "editor",
  "POST /api/replay/sessions/:id/simulation": "editor",
  "POST /api/replay/jobs": "editor",
  "GET /api/replay/jobs/:id": "editor",
  "DELETE /api/replay/jobs/:id": "editor",
  "GET /api/replay/jobs/:id/sessions/:session": "editor",
  "GET /api/whatsapp/deliveries/": "admin",
  "POST /api/whatsapp/deliveries/:id/resend": "admin",
  "GET /api/handoffs/": READERS,
  "GET /api/handoffs/events": READERS,
  "GET /api/handoffs/agents": READERS,
  "GET /api/handoffs/:id": READERS,
  "POST /api/handoffs/:id/claim": "agent",
  "POST /api/handoffs/:id/assign": "agent",
  "POST /api/handoffs/:id/read": "agent",
  "POST /api/handoffs/:id/typing": "agent",
  "POST /api/handoffs/:id/reply": "agent",
  "POST /api/handoffs/:id/handback": "agent",
  "POST /api/handoffs/:id/close": "agent",
  "GET /api/canned-replies/": READERS,
  "PUT /api/canned-replies/": "editor",
};

/** Who holds which rights: admin all, an editor a viewer's too. */
const HOLDS: Record<Role, Role[]> = {
  admin: ["admin", "editor", "agent", "viewer"],
  editor: ["editor", "viewer"],
  agent: ["agent"],
  viewer: ["viewer"],
};

let api: TestApp;
const tokens: Partial<Record<Role, string>> = {};

beforeAll(async () => {
  api = await createTestApp();
  for (const role of ["editor", "agent", "viewer"] as const)
    tokens[role] = (await createStaffUser(api.services, role)).token;
  tokens.admin = (await createStaffUser(api.services, "admin")).token;
  // Hashing four passwords with argon2id takes a while on a busy machine.
}, 30_000);

afterAll(async () => {
  await api.close();
});

const routes = () =>
  api.app.routes
    .filter((route) => route.path.startsWith("/api/"))
    .map((route) => `${route.method} ${route.path}`);

/** A request whose body fails any schema, so an allowed call changes nothing. */
function request(route: string, token: string): Request {
  const [method = "GET", path = "/"] = route.split(" ");
  const hasBody = !["GET", "HEAD", "DELETE"].includes(method);
  return new Request(`http://localhost${path.replaceAll(/:\w+/g, "x")}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(hasBody ? { "content-type": "application/json" } : {}),
    },
    body: hasBody ? JSON.stringify({ nodes: "none" }) : undefined,
  });
}

describe("role checks", () => {
  it("cover every route under /api/, each listed with the role it needs", () => {
    expect(routes().filter((route) => !(route in ROUTE_ROLES))).toEqual([]);
  });

  it("list only routes that exist, so a removed route leaves no stale entry", () => {
    expect(Object.keys(ROUTE_ROLES).filter((route) => !routes().includes(route))).toEqual([]);
  });

  for (const role of ["admin", "editor", "agent", "viewer"] as const) {
    it(`let ${role}s through where their role holds the need, and answer 403 naming the role elsewhere`, async () => {
      for (const route of routes()) {
        const need = ROUTE_ROLES[route];
        if (!need || need === "public") continue;
        const needs = typeof need === "string" ? [need] : need;
        const allowed = needs.some((one) => HOLDS[role].includes(one));
        const response = await api.app.handle(request(route, tokens[role] as string));
        if (allowed) {
          // The inbox's event stream stays open: its status is all there is to check.
          await response.body?.cancel();
          expect({ route, status: response.status }).not.toEqual({ route, status: 403 });
          expect({ route, status: response.status }).not.toEqual({ route, status: 401 });
        } else {
          expect({ route, status: response.status }).toEqual({ route, status: 403 });
          const body = (await response.json()) as { message?: string };
          expect(body.message).toContain(`needs the ${needs[0]} role`);
        }
      }
    }, 30_000);
  }

  it("treat the admin token as the admin role", async () => {
    const response = await api.app.handle(request("GET /api/audit/", ADMIN_TOKEN));
    expect(response.status).toBe(200);
  });

  it("keep trusted backends' APIs for API and admin tokens, not staff's personal tokens", async () => {
    const models = (token: string) => api.app.handle(request("GET /v1/models", token));
    expect((await models(tokens.admin as string)).status).toBe(401);
    expect((await models(ADMIN_TOKEN)).status).toBe(200);
  });

  it("refuse an agent a flow editor's document, naming the editor role it lacks", async () => {
    const response = await api.app.handle(request("GET /api/flows/:id", tokens.agent as string));
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      code: "forbidden",
      message: "This needs the editor role; Agent User is an agent.",
    });
  });
});
