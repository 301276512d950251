import type { ChatOwner } from "../conversations/index.ts";
import { AppError } from "../errors.ts";
import type { TokenChecker } from "./admin-tokens.ts";
import type { ChatJwtVerifier } from "./chat-jwt.ts";
import type { VisitorTokens } from "./visitor-tokens.ts";

/** The channel every chat identity of the web chat protocol is on. */
export const WEB_CHANNEL = "web";

/**
 * Who a chat client is, as the server verified it (never as the client claims it):
 * - `visitor`: an anonymous visitor holding a visitor token this server signed;
 * - `jwt`: a user of a site with its own login (`CHAT_JWT_SECRET` / `CHAT_JWKS_URL`), by `sub`;
 * - `backend`: a trusted server holding `CLIENT_TOKEN` or an API token (`API_TOKENS`), which
 *   names the user it acts for;
 * - `admin`: an admin token, which reaches every chat.
 */
export type ChatIdentity =
  | { kind: "visitor"; userId: string }
  | { kind: "jwt"; userId: string }
  | { kind: "backend" }
  | { kind: "admin" };

/** What a client presented: a bearer token (header, or `?token=` on a WebSocket), a visitor token. */
interface ChatCredentials {
  bearer?: string;
  visitorToken?: string;
}

/** Turns credentials into a verified identity. */
export interface ChatIdentities {
  /**
   * Whether a client without credentials may chat as a new anonymous visitor: only when neither
   * `CLIENT_TOKEN` nor a chat JWT mode is configured.
   */
  readonly visitorsWelcome: boolean;
  /** The verified identity, or undefined when the credentials prove none. */
  resolve(credentials: ChatCredentials): Promise<ChatIdentity | undefined>;
  /** Signs a new visitor's token. */
  issueVisitor(): Promise<{ token: string; userId: string }>;
}

export interface ChatIdentitiesOptions {
  tokens: TokenChecker;
  /** Whether `CLIENT_TOKEN` is set (backends then name users). */
  clientTokenSet: boolean;
  visitors: VisitorTokens;
  /** Undefined when no site login is configured. */
  jwt?: ChatJwtVerifier;
}

/** @example const identities = createChatIdentities({ tokens, clientTokenSet: false, visitors }); */
export function createChatIdentities({
  tokens,
  clientTokenSet,
  visitors,
  jwt,
}: ChatIdentitiesOptions): ChatIdentities {
  const visitorsWelcome = !clientTokenSet && jwt === undefined;
  return {
    visitorsWelcome,
    async resolve({ bearer, visitorToken }) {
      if (bearer) {
        const access = tokens.accessOf(bearer);
        if (access === "admin") return { kind: "admin" };
        if (access === "api" || (clientTokenSet && access === "client")) return { kind: "backend" };
        const sub = await jwt?.verify(bearer);
        if (sub) return { kind: "jwt", userId: sub };
      }
      const candidate = visitorToken ?? bearer;
      if (visitorsWelcome && candidate) {
        const userId = await visitors.verify(candidate);
        if (userId) return { kind: "visitor", userId };
      }
      return undefined;
    },
    issueVisitor: () => visitors.issue(),
  };
}

/**
 * Whose chats an identity reaches, given the `user_id` a request names. Visitors and site users
 * reach their own web chats whatever they name; a backend reaches the web chats of the user it
 * names (never another channel's); an admin reaches the named user's chats on every channel, or
 * every chat when it names none (undefined).
 *
 * @throws AppError `invalid_request` when a backend names no user.
 */
export function chatOwnerOf(
  identity: ChatIdentity,
  userId: string | undefined,
): ChatOwner | undefined {
  switch (identity.kind) {
    case "visitor":
    case "jwt":
      return { userId: identity.userId, channel: WEB_CHANNEL };
    case "backend":
      if (userId === undefined)
        throw new AppError(
          "invalid_request",
          "user_id is required (or an admin token, to reach any user's chats).",
        );
      return { userId, channel: WEB_CHANNEL };
    case "admin":
      return userId === undefined ? undefined : { userId };
  }
}
