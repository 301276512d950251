import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import { createStaffUser, STAFF_PASSWORD } from "./staff-users.ts";
import { createTestApp, type TestApp } from "./test-app.ts";

let api: TestApp;

beforeAll(async () => {
  api = await createTestApp();
});

afterAll(async () => {
  await api.close();
});

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return api.app.handle(
    new Request(`http://localhost${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    }),
  );
}

async function signIn(email: string, password = STAFF_PASSWORD) {
  const response = await post("/api/auth/sign-in", { email, password });
  const cookie = response.headers.get("set-cookie") ?? "";
  const body = (await response.json()) as { csrfToken?: string; message?: string };
  return { status: response.status, cookie: cookie.split(";")[0] ?? "", body };
}

describe("signing in", () => {
  it("gives a session in an HttpOnly, SameSite cookie and a CSRF token", async () => {
    const agent = await createStaffUser(api.services, "agent", "Sam");
    const { status, cookie, body } = await signIn(agent.email);
    expect(status).toBe(200);
    const me = await api.app.handle(
      new Request("http://localhost/api/auth/me", { headers: { cookie } }),
    );
    expect(await me.json()).toMatchObject({
      user: { name: "Sam", role: "agent" },
      via: "session",
      csrfToken: body.csrfToken,
    });
    const response = await post("/api/auth/sign-in", {
      email: agent.email,
      password: STAFF_PASSWORD,
    });
    expect(response.headers.get("set-cookie")).toMatch(/HttpOnly; SameSite=Strict/);
  });

  it("answers a wrong password and an unknown email alike", async () => {
    const editor = await createStaffUser(api.services, "editor");
    const wrong = await signIn(editor.email, "not the password at all");
    const unknown = await signIn("nobody@example.com", "not the password at all");
    expect(wrong.status).toBe(401);
    expect(unknown).toEqual({ ...wrong, cookie: "" });
  });

  it("limits sign-in attempts per account", async () => {
    const viewer = await createStaffUser(api.services, "viewer");
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt += 1)
      statuses.push((await signIn(viewer.email, "guessing-password")).status);
    expect(statuses.slice(0, 9).every((status) => status === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it("refuses a session's state-changing request without its CSRF token", async () => {
    const agent = await createStaffUser(api.services, "agent");
    const { cookie, body } = await signIn(agent.email);
    const without = await post("/api/auth/tokens", { name: "script" }, { cookie });
    expect(without.status).toBe(403);
    const withToken = await post(
      "/api/auth/tokens",
      { name: "script" },
      { cookie, "x-csrf-token": body.csrfToken as string },
    );
    expect(withToken.status).toBe(201);
  });
});

describe("deactivating a user", () => {
  it("stops their sessions and API tokens at once", async () => {
    const agent = await createStaffUser(api.services, "agent");
    const { cookie } = await signIn(agent.email);
    const me = (headers: Record<string, string>) =>
      api.app.handle(new Request("http://localhost/api/auth/me", { headers }));
    expect((await me({ cookie })).status).toBe(200);
    expect(
      (await api.call("PATCH", `/api/users/${agent.id}`, { body: { active: false } })).status,
    ).toBe(200);
    expect((await me({ cookie })).status).toBe(401);
    expect((await me({ authorization: `Bearer ${agent.token}` })).status).toBe(401);
  });
});

describe("invites", () => {
  it("let the invited person set a password and sign in, once", async () => {
    const { status, body } = await api.call("POST", "/api/users/invites", {
      body: { email: "new.agent@example.com", role: "agent" },
    });
    expect(status).toBe(201);
    const { token } = body as { token: string };
    const described = await api.app.handle(new Request(`http://localhost/invites/${token}`));
    expect(await described.json()).toMatchObject({ email: "new.agent@example.com", role: "agent" });
    const accepted = await post(`/invites/${token}`, { name: "Nia", password: STAFF_PASSWORD });
    expect(accepted.status).toBe(200);
    expect((await signIn("new.agent@example.com")).status).toBe(200);
    expect((await post(`/invites/${token}`, { password: STAFF_PASSWORD })).status).toBe(404);
  });

  it("say so when the link expired", async () => {
    const { body } = await api.call("POST", "/api/users/invites", {
      body: { email: "late@example.com", role: "viewer" },
    });
    await api.services.database.db
      .updateTable("invites")
      .set({ expiresAt: "2020-01-01T00:00:00.000Z" })
      .where("email", "=", "late@example.com")
      .execute();
    const response = await api.app.handle(
      new Request(`http://localhost/invites/${(body as { token: string }).token}`),
    );
    expect(response.status).toBe(410);
    expect(((await response.json()) as { message: string }).message).toContain("expired");
  });
});

describe("the audit log", () => {
  it("records sign-ins, role changes, publishes and handoff actions with who did them", async () => {
    const editor = await createStaffUser(api.services, "editor", "Eda");
    await signIn(editor.email);
    await api.call("PATCH", `/api/users/${editor.id}`, { body: { role: "viewer" } });
    await api.call("PATCH", `/api/users/${editor.id}`, { body: { role: "editor" } });
    const publish = await api.app.handle(
      new Request("http://localhost/api/flows/support/publish", {
        method: "POST",
        headers: { authorization: `Bearer ${editor.token}`, "content-type": "application/json" },
        body: JSON.stringify({ version: 1 }),
      }),
    );
    expect(publish.status).toBe(200);
    const { body } = await api.call("GET", "/api/audit/?limit=200");
    const entries = body as { actorName: string; action: string; target: string | null }[];
    expect(entries).toContainEqual(
      expect.objectContaining({ actorName: "Eda", action: "auth.sign_in", target: editor.email }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ actorName: "admin", action: "user.role", target: editor.email }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ actorName: "Eda", action: "flow.publish", target: "support" }),
    );
  });

  it("names the signed-in user as the author of the versions they save", async () => {
    const editor = await createStaffUser(api.services, "editor", "Eda Saves");
    const { body: flow } = await api.call("GET", "/api/flows/support?version=latest");
    const response = await api.app.handle(
      new Request("http://localhost/api/flows/support/versions", {
        method: "POST",
        headers: { authorization: `Bearer ${editor.token}`, "content-type": "application/json" },
        body: JSON.stringify({
          flow: (flow as { definition: unknown }).definition,
          author: "someone else",
        }),
      }),
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ author: "Eda Saves" });
  });
});
