import { Elysia } from "elysia";
import type { Principal, StaffAuth } from "../accounts/index.ts";
import { missingRole, type RoleNeed } from "../accounts/index.ts";
import { AppError } from "../errors.ts";
import type { Access } from "./admin-tokens.ts";

/** The cookie that holds a studio session's token (HttpOnly, SameSite=Strict). */
export const SESSION_COOKIE = "sb_session";

/**
 * Who may call a non-staff, non-chat route: admins only, or trusted backends (an API token or an
 * admin token). Chat clients go through `chatIdentityGuard`.
 */
export type AuthLevel = "admin" | "api";

/**
 * The `auth` route option: `{ auth: "editor" }` lets in staff whose role holds the editor's rights (see
 * `missingRole`). The caller is the admin token or a personal API token, from the `Authorization`
 * header only (a token in a URL ends up in logs), or a studio session cookie, whose
 * state-changing requests must carry its `X-CSRF-Token`. Missing or wrong credentials get a 401
 * that says no more; a role that falls short gets a 403 naming the role it lacks. The caller is
 * put in the context as `principal`.
 *
 * @example
 * new Elysia().use(authGuard(services.tokens)).get("/api/flows", () => list(), { auth: "viewer" })
 */
export function authGuard(tokens: StaffAuth) {
  const principals = new WeakMap<globalThis.Request, Principal>();
  return new Elysia({ name: "auth-guard", seed: tokens }).macro({
    auth: (need: RoleNeed) => {
      const check = async ({ headers, request }: StaffRequest): Promise<Principal> => {
        const known = principals.get(request);
        if (known) return known;
        const principal = await tokens.authenticate({
          bearer: bearerToken(headers.authorization),
          sessionToken: cookieValue(headers.cookie, SESSION_COOKIE),
          method: request.method,
          csrfHeader: headers["x-csrf-token"],
        });
        if (!principal) throw new AppError("unauthorized", "A valid bearer token is required.");
        const missing = missingRole(principal.role, need);
        if (missing)
          throw new AppError(
            "forbidden",
            `This needs the ${missing} role; ${principal.name} is ${article(principal.role)} ${principal.role}.`,
          );
        principals.set(request, principal);
        return principal;
      };
      return {
        // Checked before the request's schema too, so a caller without a token learns nothing.
        async transform(context: StaffRequest) {
          await check(context);
        },
        resolve: async (context: StaffRequest) => ({ principal: await check(context) }),
      };
    },
  });
}

/** Whether a caller with `access` may call a route of `level`. */
export function allows(level: AuthLevel, access: Access): boolean {
  switch (level) {
    case "admin":
      return access === "admin";
    case "api":
      return access === "admin" || access === "api";
  }
}

/** What the staff check reads of a request. */
type StaffRequest = {
  headers: Record<string, string | undefined>;
  request: globalThis.Request;
};

/** The token of an `Authorization: Bearer …` header. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

/** One cookie's value from a `Cookie` header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(";") ?? []) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return undefined;
}

function article(role: string): string {
  return /^[aeiou]/.test(role) ? "an" : "a";
}
