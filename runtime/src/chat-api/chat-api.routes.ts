import type { TurnStatus } from "@switchboard/engine";
import { Elysia, t } from "elysia";
import { chatIdentityGuard } from "../auth/index.ts";
import {
  admitTurn,
  collectTurn,
  type ReplyPayload,
  releasingTurnSlots,
  toReplyPayload,
} from "../conversations/index.ts";
import { AppError } from "../errors.ts";
import { acceptsEventStream, createEventStream } from "../http/index.ts";
import type { Services } from "../services.ts";
import { toServerEvents } from "../web-chat/index.ts";
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
      description: "The end user, named by a trusted backend (others are who their token says)",
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
  /** An anonymous visitor's token: present it as the bearer token to continue its chats. */
  visitor_token?: string;
  status: TurnStatus;
  replies: ReplyPayload[];
  quick_replies: NonNullable<ReplyPayload["quick_replies"]>;
}

/**
 * `POST /api/chat`: one message, one answer — as a JSON document, or with
 * `Accept: text/event-stream` as Server-Sent Events named as the WebSocket's events (`start`,
 * `node`, `token`, `agent_response`, `handoff`, `end`, `error`). The user is the caller's verified
 * identity (see `apiUser`); a caller presenting no token, where visitors are welcome, is a new
 * visitor whose token comes with the answer.
 */
export function chatApiRoutes(services: Services) {
  const { chats, channels, identities, config, addressRateLimiter, turnSlots } = services;
  const boundedChats = releasingTurnSlots(chats, turnSlots);
  return new Elysia({ tags: ["Chat"] })
    .use(
      chatIdentityGuard({ identities, trustedProxies: config.trustedProxies, addressRateLimiter }),
    )
    .post(
      "/api/chat",
      async ({ body, caller, headers }) => {
        if (body.message.length > config.maxQuestionLength)
          throw new AppError(
            "invalid_request",
            `message is ${body.message.length.toLocaleString("en-US")} characters long; the limit is ${config.maxQuestionLength.toLocaleString("en-US")}.`,
          );
        const user = apiUser(caller.identity, body.user);
        const visitorToken = caller.visitorToken;
        const message = {
          userId: user,
          channel: CHANNEL,
          text: body.message,
          chatId: body.chat_id,
          // A new chat goes to the API's bound flow; a chat goes on with its own.
          flow:
            body.flow ?? (body.chat_id === undefined ? await channels.flowOf("api") : undefined),
        };
        admitTurn(services, caller, { userId: user, channel: CHANNEL });
        if (acceptsEventStream(headers.accept)) {
          const stream = createEventStream();
          const send = toServerEvents((event) => {
            stream.send(
              JSON.stringify(
                event.type === "start" ? { ...event, user, visitor_token: visitorToken } : event,
              ),
              event.type,
            );
            if (event.type === "end" || event.type === "error") stream.close();
          });
          // A turn that fails before it starts (an unknown flow or chat) is answered with its
          // status, as in JSON; once the stream is answered, failures are its `error` event.
          const started = Promise.withResolvers<void>();
          let begun = false;
          void boundedChats.sendMessage(message, (event) => {
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
        void boundedChats.sendMessage(message, onEvent);
        const turn = await outcome;
        const replies = turn.replies.map(toReplyPayload);
        return Response.json({
          chat_id: turn.chatId,
          session_id: turn.sessionId,
          message_id: turn.turnId,
          user,
          visitor_token: visitorToken,
          status: turn.status,
          replies,
          // The buttons to offer now.
          quick_replies: replies.at(-1)?.quick_replies ?? [],
        } satisfies ChatApiAnswer);
      },
      {
        chatAuth: "open-request",
        body: ChatApiRequest,
        detail: {
          summary: "Sends a message and answers with the bot's replies (JSON, or SSE)",
          description:
            "Without chat_id a new chat starts on `flow` (default: the API's bound flow). With `Accept: text/event-stream` the turn's events stream as Server-Sent Events.",
        },
      },
    );
}
