import { treaty } from "@elysiajs/eden/treaty2";
import type { App } from "../../../runtime/src/api-types.ts";

/**
 * The runtime's typed client, from the server's own type: a route renamed on the server fails
 * the studio's type check. Every request carries the admin token.
 *
 * @example
 * const { data, error } = await createClient(token).api.flows.get();
 */
export function createClient(token: string, origin = window.location.origin) {
  // Strings stay strings: Eden would otherwise turn any date-like text (a user's message
  // "2026-05-01" included) into a Date, which React cannot render as text.
  return treaty<App>(origin, {
    headers: { authorization: `Bearer ${token}` },
    parseDate: false,
  });
}

export type Client = ReturnType<typeof createClient>;
