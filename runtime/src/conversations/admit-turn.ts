import type { ChatCaller } from "../auth/index.ts";
import { AppError } from "../errors.ts";
import type { ChatOwner } from "./chat-owner.ts";
import type { ChatService } from "./chat-service.ts";
import type { RateLimiter } from "./rate-limiter.ts";
import type { TurnSlots } from "./turn-slots.ts";

export interface TurnLimits {
  /** Messages per user. */
  rateLimiter: RateLimiter;
  /** Anonymous visitors' messages per client address. */
  addressRateLimiter: RateLimiter;
  turnSlots: TurnSlots;
}

/**
 * Admits a chat client's message as a turn, or refuses it: past the user's rate limit, a
 * visitor's address's, or when no turn slot is free. The caller releases the slot it took once
 * the turn ends.
 *
 * @throws AppError `rate_limited` or `busy`.
 */
export function admitTurn(
  { rateLimiter, addressRateLimiter, turnSlots }: TurnLimits,
  caller: ChatCaller,
  owner: ChatOwner,
): void {
  const allowance = rateLimiter.take(`${owner.channel}:${owner.userId}`);
  if (!allowance.ok)
    throw new AppError(
      "rate_limited",
      `Too many messages from this user; try again in ${allowance.retryAfterSeconds} s.`,
    );
  if (caller.identity.kind === "visitor") {
    const fromAddress = addressRateLimiter.take(`messages:${caller.address}`);
    if (!fromAddress.ok)
      throw new AppError(
        "rate_limited",
        `Too many messages from this address; try again in ${fromAddress.retryAfterSeconds} s.`,
      );
  }
  if (!turnSlots.tryTake())
    throw new AppError(
      "busy",
      "The server is answering as many messages as it can; try again in a moment.",
    );
}

/**
 * The chat service whose turns each release the slot `admitTurn` took once they end, however
 * their answer goes.
 */
export function releasingTurnSlots(chats: ChatService, turnSlots: TurnSlots): ChatService {
  return {
    ...chats,
    sendMessage: (message, onEvent) =>
      chats.sendMessage(message, onEvent).finally(() => turnSlots.release()),
  };
}
