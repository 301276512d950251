import { Elysia } from "elysia";
import { AppError } from "../errors.ts";
import type { Access, TokenChecker } from "./admin-tokens.ts";

/**
 * Who may call a route: admins only, trusted backends (an API token or an admin token), or chat
 * clients (with the client token when one is set).
 */
export type AuthLevel = "admin" | "api" | "client";

/**
 * The `auth` route option: `{ auth: "admin" }` or `{ auth: "client" }` checks the bearer token
 * (`Authorization: Bearer …`, or `?token=` where headers can't be set, as in a browser's
 * WebSocket) and puts the caller's `access` in the context. Wrong or missing tokens get a 401
 * that says no more.
 *
 * @example
 * new Elysia().use(authGuard(services.tokens)).get("/api/flows", () => list(), { auth: "admin" })
 */
export function authGuard(tokens: TokenChecker) {
  return new Elysia({ name: "auth-guard", seed: tokens }).macro({
    auth: (level: AuthLevel) => {
      const check = ({ headers, query }: Request): Access => {
        const access = tokens.accessOf(bearerToken(headers.authorization) ?? query.token);
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
    case "client":
      return access !== "none";
  }
}

/**
 * The user whose chats a caller may see: the `user_id` it names, which a chat client must name;
 * an admin may leave it out to reach any user's chats.
 */
export function chatOwner(access: Access, userId: string | undefined): string | undefined {
  if (userId === undefined && access !== "admin")
    throw new AppError(
      "invalid_request",
      "user_id is required (or an admin token, to reach any user's chats).",
    );
  return userId;
}

/** What the guard reads of a request. */
type Request = {
  headers: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
};

export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}
