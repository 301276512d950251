export type { TokenChecker } from "./admin-tokens.ts";
export { allows, authGuard, bearerToken, cookieValue, SESSION_COOKIE } from "./auth-guard.ts";
export { type ChatIdentity, chatOwnerOf, WEB_CHANNEL } from "./chat-identity.ts";
export { type ChatCaller, chatIdentityGuard } from "./chat-identity-guard.ts";
export { requestAddress } from "./client-address.ts";
