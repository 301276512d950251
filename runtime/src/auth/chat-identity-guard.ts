import type { Server } from "bun";
import { Elysia } from "elysia";
import type { RateLimiter } from "../conversations/index.ts";
import { AppError } from "../errors.ts";
import { bearerToken } from "./auth-guard.ts";
import type { ChatIdentities, ChatIdentity } from "./chat-identity.ts";
import { requestAddress } from "./client-address.ts";

/**
 * Where a chat client presents its credentials, and whether one that presents none is a new
 * visitor: `request`, headers only; `open-request`, headers only, and a new visitor (a call that
 * starts a chat by itself, as `POST /api/chat`); `socket`, headers or the URL, and a new visitor.
 */
export type ChatAuthMode = "request" | "open-request" | "socket";

/** A verified chat client, as the `chatAuth` option puts it in the context. */
export interface ChatCaller {
  identity: ChatIdentity;
  /** The client's address (see `clientAddress`). */
  address: string;
  /** A visitor's token: the one presented, or the one just issued to a new visitor. */
  visitorToken?: string;
}

export interface ChatIdentityGuardOptions {
  identities: ChatIdentities;
  trustedProxies: readonly string[];
  /** Bounds the new visitors one address can start. */
  addressRateLimiter: RateLimiter;
}

type Context = {
  request: Request;
  query: Record<string, string | undefined>;
  server: Server<unknown> | null;
};

/**
 * The `chatAuth` route option: verifies the chat client (an admin token, `CLIENT_TOKEN`, a site's
 * JWT or a visitor token, as `Authorization: Bearer …`; a socket, whose browser can't set
 * headers, may pass them as `?token=` and `?visitor_token=`) and puts the `caller` in the context.
 * A socket or an open request that presents nothing (a socket: or a visitor token no longer valid),
 * where visitors are welcome,
 * is a new visitor with a new token.
 * Anything else gets a 401 that says no more.
 *
 * @example
 * new Elysia().use(chatIdentityGuard(options)).get("/api/chats/", ({ caller }) => …, { chatAuth: "request" })
 */
export function chatIdentityGuard({
  identities,
  trustedProxies,
  addressRateLimiter,
}: ChatIdentityGuardOptions) {
  // Resolved once per request: in `transform`, before the schema, so a stranger learns nothing.
  const resolved = new WeakMap<Request, ChatCaller>();
  const check = async (mode: ChatAuthMode, { request, query, server }: Context) => {
    const known = resolved.get(request);
    if (known) return known;
    const address = requestAddress(request, server, trustedProxies);
    const bearer =
      bearerToken(request.headers.get("authorization") ?? undefined) ??
      (mode === "socket" ? query.token : undefined);
    const visitorToken = mode === "socket" ? query.visitor_token : undefined;
    let caller: ChatCaller | undefined;
    const identity = await identities.resolve({ bearer, visitorToken });
    if (identity)
      caller = {
        identity,
        address,
        visitorToken: identity.kind === "visitor" ? (visitorToken ?? bearer) : undefined,
      };
    // A visitor token this server no longer accepts (expired, another secret) starts afresh too.
    else if (mode !== "request" && !bearer && identities.visitorsWelcome) {
      const allowance = addressRateLimiter.take(`visitor:${address}`);
      if (!allowance.ok)
        throw new AppError(
          "rate_limited",
          `Too many new visitors from this address; try again in ${allowance.retryAfterSeconds} s.`,
        );
      const visitor = await identities.issueVisitor();
      caller = {
        identity: { kind: "visitor", userId: visitor.userId },
        address,
        visitorToken: visitor.token,
      };
    }
    if (!caller) throw new AppError("unauthorized", "A valid bearer token is required.");
    resolved.set(request, caller);
    return caller;
  };
  return new Elysia({ name: "chat-identity-guard", seed: identities }).macro({
    chatAuth: (mode: ChatAuthMode) => ({
      async transform(context: Context) {
        await check(mode, context);
      },
      resolve: async (context: Context) => ({ caller: await check(mode, context) }),
    }),
  });
}
