import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import { join } from "node:path";
import { ADMIN_TOKEN, createTestApp, FLOWS_DIR, type TestApp } from "./test-app.ts";

let api: TestApp;

beforeAll(async () => {
  api = await createTestApp();
}, 30_000);

afterAll(() => api.close());

/**
 * Every route with a path parameter but OpenAI's `/v1/models/:model`, whose model names are the
 * catalog's own (a 404 in OpenAI's error format names an unknown one).
 */
const routesWithParams = () =>
  api.app.routes
    .filter((route) => /\/:\w+/.test(route.path) && !route.path.startsWith("/v1/"))
    .map((route) => ({ method: route.method, path: route.path }));

/** An id every parameter accepts: a record id, and a flow's or a node's identifier (a letter first). */
const WELL_FORMED = "f0b7c4d5e-1f2a-4b3c-8d9e-0f1a2b3c4d5e";

/** Ids no record has: too long, with characters no id holds, a NUL. */
const BAD_IDS = ["x".repeat(300), "a b", "..%2F..%2Fetc", "a%00b", "%F0%9F%9A%B2"];

/** Parameters that are names people write (blanks and any letter welcome), and what they refuse. */
const FREE_TEXT = new Set(["/api/flows/:id/simulations/:name :name"]);
const BAD_NAMES = ["x".repeat(300), "a%00b", "a%0Ab"];

/**
 * The bodies that pass what is checked before the path: a flow document is checked as the body
 * is read (so a bad one is answered first); every other body, empty, is checked after the path.
 */
const BODIES: Record<string, unknown> = {
  "POST /api/flows/:id/versions": {
    flow: await Bun.file(join(FLOWS_DIR, "support.flow.json")).json(),
  },
};

function call(method: string, path: string, body: unknown = {}): Promise<Response> {
  const hasBody = !["GET", "HEAD", "DELETE"].includes(method);
  return api.app.handle(
    new Request(`http://localhost${path}`, {
      method,
      headers: {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        ...(hasBody ? { "content-type": "application/json" } : {}),
      },
      body: hasBody ? JSON.stringify(body) : undefined,
    }),
  );
}

describe("route parameters", () => {
  it("are checked on every route: a malformed id is a 400 naming the parameter", async () => {
    const routes = routesWithParams();
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes)
      for (const param of route.path.match(/:\w+/g) ?? []) {
        for (const bad of FREE_TEXT.has(`${route.path} ${param}`) ? BAD_NAMES : BAD_IDS) {
          // The other parameters well-formed, so the answer is about this one.
          const path = route.path.replace(param, bad).replaceAll(/:\w+/g, WELL_FORMED);
          const response = await call(route.method, path, BODIES[`${route.method} ${route.path}`]);
          const body = (await response.json().catch(() => ({}))) as { message?: string };
          expect({ route: `${route.method} ${route.path}`, bad, status: response.status }).toEqual({
            route: `${route.method} ${route.path}`,
            bad,
            status: 400,
          });
          expect({ route: route.path, bad, message: body.message }).toMatchObject({
            message: expect.stringContaining(param.slice(1)),
          });
        }
      }
  }, 60_000);

  it("let a well-formed id through to an answer about the record", async () => {
    const response = await call("GET", "/api/handoffs/0b7c4d5e-1f2a-4b3c-8d9e-0f1a2b3c4d5e");
    expect(response.status).toBe(404);
  });
});
