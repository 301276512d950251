import { type Static, Type as T } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { AppError } from "../errors.ts";

/**
 * A web chat's message about a chat rather than in it: `resume` after a (re)load, to hear the
 * chat's live events again and learn where it stands with the people behind it; `typing`, shown
 * to the agent working the chat.
 */
export const ChatControlMessage = T.Object({
  type: T.Union([T.Literal("resume"), T.Literal("typing")]),
  chat_id: T.String({ minLength: 1, maxLength: 200 }),
  /** The user a backend holding `CLIENT_TOKEN` acts for, as on a chat message. */
  user_id: T.Optional(T.String({ minLength: 1, maxLength: 200 })),
});

export type ChatControlMessage = Static<typeof ChatControlMessage>;

/** Whether a decoded WebSocket message means to be a control message. */
export function isChatControlMessage(message: unknown): boolean {
  if (typeof message !== "object" || message === null || !("type" in message)) return false;
  const { type } = message as { type: unknown };
  return type === "resume" || type === "typing";
}

/** @throws AppError `invalid_request` naming what is wrong */
export function parseChatControlMessage(message: unknown): ChatControlMessage {
  if (Value.Check(ChatControlMessage, message)) return message;
  throw new AppError(
    "invalid_request",
    'A resume or typing message is {"type": "resume" | "typing", "chat_id": "…"}.',
  );
}
