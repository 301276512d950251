import { Elysia, t } from "elysia";
import { authGuard, cookieValue, requestAddress, SESSION_COOKIE } from "../auth/index.ts";
import type { Services } from "../services.ts";
import { IdParams } from "../shared-schemas.ts";
import { MIN_PASSWORD_LENGTH } from "./passwords.ts";
import { RoleSchema, UserSchema } from "./schemas.ts";
import { SESSION_HOURS } from "./staff-auth.ts";

const Me = t.Object({
  user: t.Object({
    id: t.Nullable(t.String()),
    email: t.Nullable(t.String()),
    name: t.String(),
    role: RoleSchema,
  }),
  via: t.UnionEnum(["admin_token", "session", "api_token"]),
  csrfToken: t.Nullable(
    t.String({ description: "Send as X-CSRF-Token on state-changing requests" }),
  ),
});
const ApiToken = t.Object({
  id: t.String(),
  name: t.String(),
  createdAt: t.String(),
  lastUsedAt: t.Nullable(t.String()),
});

/**
 * Staff sign-in under `/api/auth`: email and password for a studio session in an HttpOnly,
 * SameSite=Strict cookie (its CSRF token comes back in the body and from `/me`), sign-out, who
 * am I, and personal API tokens; plus the one-time links of invites and password resets under
 * `/api/invites/:token`, which need no sign-in.
 */
export function accountRoutes({ tokens, users, config }: Services) {
  const sessionCookie = (value: string, maxAgeSeconds: number, secure: boolean) =>
    `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? "; Secure" : ""}`;
  const isHttps = (request: Request) => new URL(request.url).protocol === "https:";

  return new Elysia({ tags: ["Accounts"] })
    .use(authGuard(tokens))
    .post(
      "/api/auth/sign-in",
      async ({ body, request, server, set }) => {
        // Behind a trusted proxy, the client its X-Forwarded-For names, not the proxy.
        const address = requestAddress(request, server, config.trustedProxies);
        const { sessionToken, csrfToken, user } = await tokens.signIn(
          body.email,
          body.password,
          address,
        );
        set.headers["set-cookie"] = sessionCookie(
          sessionToken,
          SESSION_HOURS * 3600,
          isHttps(request),
        );
        return { user, csrfToken };
      },
      {
        body: t.Object({
          email: t.String({ minLength: 1, maxLength: 320 }),
          password: t.String({ minLength: 1, maxLength: 1000 }),
        }),
        response: t.Object({ user: UserSchema, csrfToken: t.String() }),
        detail: { summary: "Signs a staff member in: a session cookie and its CSRF token" },
      },
    )
    .post(
      "/api/auth/sign-out",
      async ({ principal, headers, request, set }) => {
        await tokens.signOut(cookieValue(headers.cookie, SESSION_COOKIE), principal);
        set.headers["set-cookie"] = sessionCookie("", 0, isHttps(request));
        return { signedOut: true as const };
      },
      { auth: ["viewer", "agent"], detail: { summary: "Ends the studio session" } },
    )
    .get(
      "/api/auth/me",
      ({ principal }) => ({
        user: {
          id: principal.userId,
          email: principal.email,
          name: principal.name,
          role: principal.role,
        },
        via: principal.via,
        csrfToken: principal.csrfToken ?? null,
      }),
      { auth: ["viewer", "agent"], response: Me, detail: { summary: "Who is signed in" } },
    )
    .get("/api/auth/tokens", ({ principal }) => tokens.listApiTokens(principal), {
      auth: ["viewer", "agent"],
      response: t.Array(ApiToken),
      detail: { summary: "Your personal API tokens (never their secrets)" },
    })
    .post(
      "/api/auth/tokens",
      async ({ principal, body, set }) => {
        set.status = 201;
        return tokens.createApiToken(principal, body.name);
      },
      {
        auth: ["viewer", "agent"],
        body: t.Object({ name: t.String({ minLength: 1, maxLength: 120 }) }),
        response: { 201: t.Composite([ApiToken, t.Object({ token: t.String() })]) },
        detail: { summary: "A new personal API token, shown this once" },
      },
    )
    .delete(
      "/api/auth/tokens/:id",
      async ({ principal, params }) => {
        await tokens.revokeApiToken(principal, params.id);
        return { revoked: true as const };
      },
      {
        auth: ["viewer", "agent"],
        params: IdParams,
        detail: { summary: "Revokes one of your tokens" },
      },
    )
    .get("/invites/:id", ({ params }) => users.describeLink(params.id), {
      params: IdParams,
      detail: { summary: "What a one-time link is for (410 once it expired)" },
    })
    .post("/invites/:id", ({ params, body }) => users.acceptLink(params.id, body), {
      params: IdParams,
      body: t.Object({
        name: t.Optional(t.String({ minLength: 1, maxLength: 120 })),
        password: t.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 1000 }),
      }),
      response: UserSchema,
      detail: { summary: "Accepts an invite or a reset: sets the password" },
    });
}
