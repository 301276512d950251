import type { TurnStatus } from "@switchboard/engine";
import { Elysia, t } from "elysia";
import { authGuard } from "../auth/auth-guard.ts";
import { type ReplyPayload, toReplyPayload } from "../conversations/reply-payload.ts";
import { collectTurn } from "../conversations/turn-outcome.ts";
import { AppError } from "../errors.ts";
import { acceptsEventStream, createEventStream } from "../http/event-stream.ts";
import type { Services } from "../services.ts";
import { toServerEvents } from "../web-chat/to-server-events.ts";
import { apiUser } from "./api-user.ts";

/** Chats started from the request/response endpoint. */
const CHANNEL = "api";

const Id = t.String({ minLength: 1, maxLength: 200 });

const ChatApiRequest = t.Object({
  message: t.String({ minLength: 1, description: "The user's message" }),
  chat_id: t.Optional(Id),
  flow: t.Optional(Id),
  user: t.Optional(
    t.String({
      minLength: 1,
      maxLength: 200,
      description: "The end user: named by a trusted backend, or the user an earlier answer gave",
    }),
  ),
});

/** The JSON answer of `POST /api/chat`. */
interface ChatApiAnswer {
  chat_id: string;
  session_id: string;
  /** The turn's id (the user's message). */
  message_id: string;
  user: string;
  status: TurnStatus;
  replies: ReplyPayload[];
  quick_replies: NonNullable<ReplyPayload["quick_replies"]>;
}

/**
 * `POST /api/chat`: one message, one answer — as a JSON document, or with
 * `Accept: text/event-stream` as Server-Sent Events named as the WebSocket's events (`start`,
 * `node`, `token`, `agent_response`, `handoff`, `end`, `error`).
 */
export function chatApiRoutes({ chats, channels, tokens, config, rateLimiter }: Services) {
  return new Elysia({ tags: ["Chat"] }).use(authGuard(tokens)).post(
    "/api/chat",
    async ({ body, access, headers, request, server }) => {
      if (body.message.length > config.maxQuestionLength)
        throw new AppError(
          "invalid_request",
          `message is ${body.message.length.toLocaleString("en-US")} characters long; the limit is ${config.maxQuestionLength.toLocaleString("en-US")}.`,
        );
      const user = apiUser(access, body.user, body.chat_id);
      if (body.user === undefined && body.chat_id === undefined && access === "client") {
        // Anonymous users are new each time: their new chats are limited per address instead.
        const address = server?.requestIP(request)?.address ?? "unknown";
        const allowance = rateLimiter.take(`address:${address}`);
        if (!allowance.ok)
          throw new AppError(
            "rate_limited",
            `Too many new chats from this address; try again in ${allowance.retryAfterSeconds} s.`,
          );
      }
      const message = {
        userId: user,
        channel: CHANNEL,
        text: body.message,
        chatId: body.chat_id,
        // A new chat goes to the API's bound flow; a chat goes on with its own.
        flow: body.flow ?? (body.chat_id === undefined ? await channels.flowOf("api") : undefined),
      };
      if (acceptsEventStream(headers.accept)) {
        const stream = createEventStream();
        const send = toServerEvents((event) => {
          stream.send(
            JSON.stringify(event.type === "start" ? { ...event, user } : event),
            event.type,
          );
          if (event.type === "end" || event.type === "error") stream.close();
        });
        // A turn that fails before it starts (an unknown flow or chat) is answered with its
        // status, as in JSON; once the stream is answered, failures are its `error` event.
        const started = Promise.withResolvers<void>();
        let begun = false;
        void chats.sendMessage(message, (event) => {
          if (event.type === "turn_started") {
            begun = true;
            started.resolve();
          } else if (event.type === "turn_failed" && !begun) return started.reject(event.error);
          send(event);
        });
        await started.promise;
        return stream.response;
      }
      const { onEvent, outcome } = collectTurn();
      void chats.sendMessage(message, onEvent);
      const turn = await outcome;
      const replies = turn.replies.map(toReplyPayload);
      return Response.json({
        chat_id: turn.chatId,
        session_id: turn.sessionId,
        message_id: turn.turnId,
        user,
        status: turn.status,
        replies,
        // The buttons to offer now.
        quick_replies: replies.at(-1)?.quick_replies ?? [],
      } satisfies ChatApiAnswer);
    },
    {
      caller: "client",
      body: ChatApiRequest,
      detail: {
        summary: "Sends a message and answers with the bot's replies (JSON, or SSE)",
        description:
          "Without chat_id a new chat starts on `flow` (default: the API's bound flow). With `Accept: text/event-stream` the turn's events stream as Server-Sent Events.",
      },
    },
  );
}
