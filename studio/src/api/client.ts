import { treaty } from "@elysiajs/eden/treaty2";
import type { App } from "../../../runtime/src/api-types.ts";
import { type Credentials, credentialHeaders } from "./credentials.ts";

/**
 * The runtime's typed client, from the server's own type: a route renamed on the server fails
 * the studio's type check. Every request carries a token, or a signed-in session's CSRF token.
 *
 * @example
 * const { data, error } = await createClient(token).api.flows.get();
 */
export function createClient(token: string | Credentials, origin = window.location.origin) {
  const credentials: Credentials = typeof token === "string" ? { kind: "token", token } : token;
  // Strings stay strings: Eden would otherwise turn any date-like text (a user's message
  // "2026-05-01" included) into a Date, which React cannot render as text.
  return treaty<App>(origin, {
    headers: credentialHeaders(credentials),
    parseDate: false,
  });
}

export type Client = ReturnType<typeof createClient>;
