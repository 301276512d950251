import { Elysia, t } from "elysia";
import { AppError } from "../errors.ts";
import type { Services } from "../services.ts";
import { requestAddress } from "./client-address.ts";

/**
 * `POST /visitors`: a new anonymous visitor's token, for clients other than the web chat (which
 * gets one in the `connected` event). Present it as `Authorization: Bearer …` on `/api/chats`
 * and as `?visitor_token=` on the WebSocket. Public, but rate limited per client address.
 */
export function visitorRoutes({ identities, config, addressRateLimiter }: Services) {
  return new Elysia({ tags: ["Chat"] }).post(
    "/visitors",
    async ({ request, server, set }) => {
      if (!identities.visitorsWelcome)
        throw new AppError(
          "unauthorized",
          "This server has no anonymous visitors: chat clients present a token.",
        );
      const address = requestAddress(request, server, config.trustedProxies);
      const allowance = addressRateLimiter.take(`visitor:${address}`);
      if (!allowance.ok)
        throw new AppError(
          "rate_limited",
          `Too many new visitors from this address; try again in ${allowance.retryAfterSeconds} s.`,
        );
      const { token, userId } = await identities.issueVisitor();
      set.status = 201;
      return { visitor_token: token, user_id: userId };
    },
    {
      response: { 201: t.Object({ visitor_token: t.String(), user_id: t.String() }) },
      detail: { summary: "A new anonymous visitor's token (when visitors need no other token)" },
    },
  );
}
