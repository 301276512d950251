import { Elysia } from "elysia";
import { authGuard, chatOwner } from "../auth/auth-guard.ts";
import { INBOX_TOPIC } from "../conversations/conversation-events.ts";
import { AppError, errorEvent } from "../errors.ts";
import type { Services } from "../services.ts";
import { isChatControlMessage, parseChatControlMessage } from "./chat-control-message.ts";
import { parseChatRequest } from "./chat-request.ts";
import { isFeedbackMessage, parseFeedbackMessage } from "./feedback-message.ts";
import type { ServerEvent } from "./server-event.ts";
import { createSocketOutbox, type SocketOutbox } from "./socket-outbox.ts";
import { noticeToServerEvent, toServerEvents } from "./to-server-events.ts";

/** Chats started from the WebSocket endpoint. */
const CHANNEL = "web";

/** What the server sends first, as the chatbot template did. */
const GREETING = 'Connected to Switchboard. Send {"user_id", "question"} to chat.';

/**
 * `/ws/chat/completions`: the chatbot template's WebSocket protocol (see `ServerEvent`). Each
 * socket also receives the live events (a human agent's messages, a hand-back) of every chat it
 * has sent a message in. A `feedback` message scores a turn in Langfuse and gets no answer.
 */
export function wsChatRoutes({
  chats,
  events,
  inbox,
  connections,
  config,
  tokens,
  tracing,
}: Services) {
  // Per socket: the chats it listens to, and how to stop listening.
  const listening = new WeakMap<object, Map<string, () => void>>();
  // Per socket: its events, sent in batches.
  const outboxes = new WeakMap<object, SocketOutbox>();

  return new Elysia({ tags: ["Chat"] }).use(authGuard(tokens)).ws("/ws/chat/completions", {
    caller: "client",
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
      listening.set(ws.raw, new Map());
      outboxes.set(ws.raw, createSocketOutbox(ws.raw));
      ws.send(JSON.stringify({ type: "connected", message: GREETING } satisfies ServerEvent));
    },
    message(ws, message) {
      const outbox = outboxes.get(ws.raw);
      const send = (event: ServerEvent) => {
        if (event.type === "start") listen(event.chat_id);
        if (outbox) outbox.send(event);
        else ws.send(JSON.stringify(event));
      };
      const listen = (chatId: string) => {
        const chats = listening.get(ws.raw);
        if (!chats || chats.has(chatId)) return;
        chats.set(
          chatId,
          events.subscribe(chatId, (notice) => send(noticeToServerEvent(notice))),
        );
      };
      try {
        const decoded = decode(message);
        if (isChatControlMessage(decoded)) {
          const { type, chat_id, user_id } = parseChatControlMessage(decoded);
          void chats.handoffState(chat_id, chatOwner(ws.data.access, user_id)).then(
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
          const { message_id, score, comment } = parseFeedbackMessage(decoded);
          return tracing.scoreTurn(message_id, { value: score, comment });
        }
        const request = parseChatRequest(decoded, config.maxQuestionLength);
        // Not returned: Elysia would send what the promise resolves to.
        void chats.sendMessage(
          {
            // Not verified yet: the template's clients name their user (see the auth guard).
            userId: request.user_id,
            channel: CHANNEL,
            text: request.question,
            chatId: request.chat_id ?? undefined,
            sessionId: request.session_id ?? undefined,
            flow: request.flow ?? undefined,
          },
          toServerEvents(send),
        );
      } catch (error) {
        send(errorEvent(error));
      }
    },
    close(ws) {
      connections.remove(ws.raw);
      for (const stop of listening.get(ws.raw)?.values() ?? []) stop();
      listening.delete(ws.raw);
    },
  });
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
