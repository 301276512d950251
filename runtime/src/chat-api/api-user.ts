import type { ChatIdentity } from "../auth/index.ts";

/** The user of a trusted backend's chats when it names none. */
export const BACKEND_USER = "api";

/**
 * Who the end user of a request/response chat is, from the caller's verified identity, never
 * from what a client claims:
 * - a trusted backend (`CLIENT_TOKEN`, an API or admin token) names its users in `user` (default
 *   `api`): it authenticated them itself;
 * - a visitor or a site's user is who its token says, whatever `user` it names.
 */
export function apiUser(identity: ChatIdentity, named: string | undefined): string {
  switch (identity.kind) {
    case "admin":
    case "backend":
      return named ?? BACKEND_USER;
    case "visitor":
    case "jwt":
      return identity.userId;
  }
}
