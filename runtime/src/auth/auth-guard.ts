import { Elysia } from "elysia";
import { AppError } from "../errors.ts";
import type { Access, TokenChecker } from "./admin-tokens.ts";

/**
 * Who may call a route: admins only, or trusted backends (an API token or an admin token). Chat
 * clients go through `chatIdentityGuard`.
 */
export type AuthLevel = "admin" | "api";

/**
 * The `auth` route option: `{ auth: "admin" }` checks the bearer token, from the `Authorization`
 * header only (a token in a URL ends up in logs), and puts the caller's `access` in the context.
 * Wrong or missing tokens get a 401 that says no more.
 *
 * @example
 * new Elysia().use(authGuard(services.tokens)).get("/api/flows", () => list(), { auth: "admin" })
 */
export function authGuard(tokens: TokenChecker) {
  return new Elysia({ name: "auth-guard", seed: tokens }).macro({
    auth: (level: AuthLevel) => {
      const check = ({ headers }: Request): Access => {
        const access = tokens.accessOf(bearerToken(headers.authorization));
        if (!allows(level, access))
          throw new AppError("unauthorized", "A valid bearer token is required.");
        return access;
      };
      return {
        // Checked before the request's schema too, so a caller without a token learns nothing.
        transform(context: Request) {
          check(context);
        },
        resolve: (context: Request) => ({ access: check(context) }),
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

/** What the guard reads of a request. */
type Request = {
  headers: Record<string, string | undefined>;
};

/** The token of an `Authorization: Bearer …` header. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}
