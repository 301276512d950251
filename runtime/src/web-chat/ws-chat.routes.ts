import { Elysia } from "elysia";
import {
  type ChatCaller,
  type ChatIdentity,
  chatIdentityGuard,
  chatOwnerOf,
  WEB_CHANNEL,
} from "../auth/index.ts";
import type { ChatOwner } from "../conversations/index.ts";
import { admitTurn, INBOX_TOPIC } from "../conversations/index.ts";
import { AppError, errorEvent } from "../errors.ts";
import type { Services } from "../services.ts";
import { isChatControlMessage, parseChatControlMessage } from "./chat-control-message.ts";
import { parseChatRequest } from "./chat-request.ts";
import { isFeedbackMessage, parseFeedbackMessage } from "./feedback-message.ts";
import type { ServerEvent } from "./server-event.ts";
import { createSocketOutbox, type SocketOutbox } from "./socket-outbox.ts";
import { noticeToServerEvent, toServerEvents } from "./to-server-events.ts";

/** What the server sends first, as the chatbot template did. */
const GREETING = 'Connected to Switchboard. Send {"user_id", "question"} to chat.';

/** One open socket: who it is, what it listens to, and the turns it has running or queued. */
interface Socket {
  caller: ChatCaller;
  outbox: SocketOutbox;
  /** The chats it listens to, and how to stop listening. */
  listening: Map<string, () => void>;
  turnsInFlight: number;
  /** The socket's feedback being checked, which later feedback waits for. */
  feedback: Promise<void>;
}

/**
 * `/ws/chat/completions`: the chatbot template's WebSocket protocol (see `ServerEvent`). Who the
 * client is comes from its credentials, never from a message's `user_id` (see `chatOwnerOf`); a
 * client that presents none is a new visitor, whose token comes in the `connected` event. Each
 * socket also receives the live events (a human agent's messages, a hand-back) of every chat it
 * has sent a message in or resumed; `resume` and `typing` reach only the socket owner's chats. A
 * `feedback` message scores one of the sender's own turns (a backend's or an admin's: the web user
 * it names), stored for analytics and sent to Langfuse, and gets no answer. Work is bounded: a few
 * turns per socket (`maxTurnsPerSocket`) and per process
 * (`maxTurnsInFlight`), past which a message is refused at once with `busy`, and messages are rate
 * limited per user (and, for anonymous visitors, per address).
 */
export function wsChatRoutes({
  chats,
  events,
  inbox,
  connections,
  config,
  identities,
  addressRateLimiter,
  rateLimiter,
  turnSlots,
  tracing,
}: Services) {
  const sockets = new WeakMap<object, Socket>();

  /** Refuses a message the bounds or the rate limits leave no room for. */
  const admit = (socket: Socket, owner: ChatOwner) => {
    if (socket.turnsInFlight >= config.maxTurnsPerSocket)
      throw new AppError(
        "busy",
        `This connection already has ${config.maxTurnsPerSocket} messages being answered; wait for an answer before sending more.`,
      );
    admitTurn({ rateLimiter, addressRateLimiter, turnSlots }, socket.caller, owner);
  };

  return new Elysia({ tags: ["Chat"] })
    .use(
      chatIdentityGuard({ identities, trustedProxies: config.trustedProxies, addressRateLimiter }),
    )
    .ws("/ws/chat/completions", {
      chatAuth: "socket",
      open(ws) {
        // Refused after the upgrade rather than before, so the client can read why.
        if (!connections.add(ws.raw)) {
          ws.send(
            JSON.stringify(
              errorEvent(
                new AppError(
                  "too_many_connections",
                  "The server has reached its limit of open chat connections; try again later.",
                ),
              ),
            ),
          );
          ws.close(1013, "too many connections");
          return;
        }
        const { caller } = ws.data;
        sockets.set(ws.raw, {
          caller,
          outbox: createSocketOutbox(ws.raw),
          listening: new Map(),
          turnsInFlight: 0,
          feedback: Promise.resolve(),
        });
        const { identity, visitorToken } = caller;
        ws.send(
          JSON.stringify({
            type: "connected",
            message: GREETING,
            ...(visitorToken && identity.kind === "visitor"
              ? { visitor_token: visitorToken, user_id: identity.userId }
              : {}),
          } satisfies ServerEvent),
        );
      },
      message(ws, message) {
        const socket = sockets.get(ws.raw);
        if (!socket) return;
        const send = (event: ServerEvent) => {
          if (event.type === "start") listen(event.chat_id);
          socket.outbox.send(event);
        };
        const listen = (chatId: string) => {
          if (socket.listening.has(chatId)) return;
          socket.listening.set(
            chatId,
            events.subscribe(chatId, (notice) => send(noticeToServerEvent(notice))),
          );
        };
        try {
          const decoded = decode(message);
          if (isChatControlMessage(decoded)) {
            const { type, chat_id, user_id } = parseChatControlMessage(decoded);
            void chats.handoffState(chat_id, socketOwner(socket.caller.identity, user_id)).then(
              ({ state, agent }) => {
                if (type === "typing") {
                  if (state === "waiting" || state === "agent")
                    inbox.publish(INBOX_TOPIC, { type: "customer_typing", chatId: chat_id });
                  return;
                }
                listen(chat_id);
                send({ type: "handoff", action: "state", chat_id, state, agent });
              },
              (error: unknown) => send(errorEvent(error)),
            );
            return;
          }
          if (isFeedbackMessage(decoded)) {
            // In the order sent: a socket's feedback waits for its earlier feedback's check.
            socket.feedback = socket.feedback
              .then(async () => {
                const { message_id, score, comment, user_id } = parseFeedbackMessage(decoded);
                const feedback = { value: score, comment };
                await chats.recordFeedback(
                  message_id,
                  feedback,
                  socketOwner(socket.caller.identity, user_id),
                );
                tracing.scoreTurn(message_id, feedback);
              })
              .catch((error: unknown) => send(errorEvent(error)));
            return;
          }
          const request = parseChatRequest(decoded, config.maxQuestionLength);
          const owner = socketOwner(socket.caller.identity, request.user_id);
          admit(socket, owner);
          socket.turnsInFlight += 1;
          void chats
            .sendMessage(
              {
                userId: owner.userId,
                channel: WEB_CHANNEL,
                text: request.question,
                chatId: request.chat_id ?? undefined,
                sessionId: request.session_id ?? undefined,
                flow: request.flow ?? undefined,
              },
              toServerEvents(send),
            )
            .finally(() => {
              socket.turnsInFlight -= 1;
              turnSlots.release();
            });
        } catch (error) {
          send(errorEvent(error));
        }
      },
      close(ws) {
        connections.remove(ws.raw);
        for (const stop of sockets.get(ws.raw)?.listening.values() ?? []) stop();
        sockets.delete(ws.raw);
      },
    });
}

/**
 * Whose chats a socket's message reaches: a visitor's or a site user's own; the user a backend
 * (or an admin, which a socket treats alike) names, on the web channel only.
 */
function socketOwner(identity: ChatIdentity, userId: string | undefined): ChatOwner {
  return chatOwnerOf(
    identity.kind === "admin" ? { kind: "backend" } : identity,
    userId,
  ) as ChatOwner;
}

/** The JSON value of a text frame; Elysia has already parsed what looked like JSON. */
function decode(message: unknown): unknown {
  if (message instanceof Uint8Array || message instanceof ArrayBuffer)
    throw new AppError(
      "invalid_request",
      "Binary frames are not accepted; send the message as JSON text.",
    );
  if (typeof message !== "string") return message;
  try {
    return JSON.parse(message);
  } catch {
    throw new AppError("invalid_request", "The message is not valid JSON.");
  }
}
