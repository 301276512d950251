import { type Static, Type as T } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { AppError } from "../errors.ts";

/**
 * A user's judgement of a turn over `/ws/chat/completions`; `message_id` is the turn's (the
 * `message_id` of its `start` and `end` events). It becomes a score on the turn's Langfuse trace.
 * A trusted backend names the web user whose turn it scores (`user_id`), as it does for messages.
 */
export const FeedbackMessage = T.Object({
  type: T.Literal("feedback"),
  message_id: T.String({ minLength: 1, maxLength: 200 }),
  user_id: T.Optional(T.String({ minLength: 1, maxLength: 200 })),
  score: T.Number(),
  comment: T.Optional(T.String({ maxLength: 2000 })),
});

export type FeedbackMessage = Static<typeof FeedbackMessage>;

/** Whether a decoded WebSocket message means to be feedback rather than a chat message. */
export function isFeedbackMessage(message: unknown): boolean {
  return typeof message === "object" && message !== null && "type" in message
    ? (message as { type: unknown }).type === "feedback"
    : false;
}

/**
 * Checks a feedback message, naming the first problem in one sentence.
 *
 * @throws AppError `invalid_request`
 * @example
 * parseFeedbackMessage({ type: "feedback", message_id: "m-1", score: 1 })
 */
export function parseFeedbackMessage(message: unknown): FeedbackMessage {
  const error = Value.Errors(FeedbackMessage, message).First();
  if (error)
    throw new AppError(
      "invalid_request",
      `A feedback message is {"type": "feedback", "message_id": "…", "score": <number>, "comment"?: "…", "user_id"?: "…"}; ${error.path.slice(1) || "it"} ${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}.`,
    );
  return message as FeedbackMessage;
}
