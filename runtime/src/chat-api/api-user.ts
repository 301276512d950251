import { randomUUID } from "node:crypto";
import type { Access } from "../auth/admin-tokens.ts";
import { AppError } from "../errors.ts";

/** The user of a trusted backend's chats when it names none. */
export const BACKEND_USER = "api";

/**
 * Who the end user of a request/response chat is.
 * - A trusted backend (an API or admin token) names its users in `user` (default `api`): it
 *   authenticated them itself.
 * - A chat client names its user as WebSocket clients name `user_id`, under the same rules; one
 *   that names none gets a new anonymous user for a new chat, returned with the answer, which it
 *   sends back to continue the chat (another user's chat reads as missing).
 *
 * @throws AppError `invalid_request` when a chat client continues a chat without its user.
 */
export function apiUser(access: Access, named: string | undefined, chatId: string | undefined) {
  if (access === "admin" || access === "api") return named ?? BACKEND_USER;
  if (named !== undefined) return named;
  if (chatId !== undefined)
    throw new AppError(
      "invalid_request",
      "user is required to continue a chat: send the user that the chat's first answer returned.",
    );
  return `anon_${randomUUID()}`;
}
