import { Elysia } from "elysia";
import type { Access } from "../auth/admin-tokens.ts";
import { allows, bearerToken } from "../auth/auth-guard.ts";
import { BACKEND_USER } from "../chat-api/api-user.ts";
import type { ConversationEvent, TurnIds } from "../conversations/conversation-events.ts";
import { collectTurn } from "../conversations/turn-outcome.ts";
import { listFlows } from "../flows/flows.repository.ts";
import { createEventStream } from "../http/event-stream.ts";
import type { Services } from "../services.ts";
import {
  type CompletionHead,
  chatCompletion,
  completionChunk,
  createUsageCounter,
  REPLY_SEPARATOR,
  usageChunk,
} from "./chat-completion.ts";
import { lastUserText, parseChatCompletionRequest } from "./chat-completion-request.ts";
import { OpenAIError, openAIErrorResponse, toOpenAIError } from "./openai-error.ts";

/** Chats started from the OpenAI-compatible API. */
const CHANNEL = "openai";

/** The header that names the chat to continue, and that answers name the chat with. */
export const CHAT_ID_HEADER = "x-switchboard-chat-id";

/**
 * The OpenAI-compatible API under `/v1`: each published flow is a model; a chat completion is
 * one turn of a chat, whose input is the last user message. Errors are in OpenAI's shape;
 * callers are trusted backends (an API or admin token).
 */
export function openAIRoutes({ database, chats, tokens, config }: Services) {
  /** The caller's access, or the 401 OpenAI's clients expect. */
  const authorize = (authorization: string | undefined): Access => {
    const access = tokens.accessOf(bearerToken(authorization));
    if (!allows("api", access))
      throw new OpenAIError(
        401,
        "invalid_request_error",
        "invalid_api_key",
        "Incorrect API key provided: use an API token (API_TOKENS) as the bearer token.",
      );
    return access;
  };

  const publishedModels = async () =>
    (await listFlows(database.db))
      .filter((flow) => flow.publishedVersion !== null)
      .map((flow) => ({
        id: flow.id,
        object: "model" as const,
        created: Math.floor(Date.parse(flow.updatedAt) / 1000),
        owned_by: "switchboard",
      }));

  return new Elysia({ prefix: "/v1", tags: ["OpenAI-compatible"] })
    .get(
      "/models",
      async ({ headers }) => {
        try {
          authorize(headers.authorization);
          return Response.json({ object: "list", data: await publishedModels() });
        } catch (error) {
          return openAIErrorResponse(error);
        }
      },
      { detail: { summary: "The published flows, as models" } },
    )
    .get(
      "/models/:model",
      async ({ headers, params }) => {
        try {
          authorize(headers.authorization);
          const model = (await publishedModels()).find((entry) => entry.id === params.model);
          if (!model) throw modelNotFound(params.model);
          return Response.json(model);
        } catch (error) {
          return openAIErrorResponse(error);
        }
      },
      { detail: { summary: "One published flow, as a model" } },
    )
    .post(
      "/chat/completions",
      async ({ headers, request }) => {
        try {
          authorize(headers.authorization);
          const body = parseChatCompletionRequest(await request.text());
          const text = lastUserText(body, config.maxQuestionLength);
          if (!(await publishedModels()).some((model) => model.id === body.model))
            throw modelNotFound(body.model);
          const message = {
            userId: body.user ?? BACKEND_USER,
            channel: CHANNEL,
            text,
            chatId: body.chat_id ?? body.conversation ?? headers[CHAT_ID_HEADER],
            flow: body.model,
          };
          const head = (turnId: string): CompletionHead => ({
            id: `chatcmpl-${turnId}`,
            created: Math.floor(Date.now() / 1000),
            model: body.model,
          });
          const counter = createUsageCounter();
          if (!body.stream) {
            const { onEvent, outcome } = collectTurn();
            void chats.sendMessage(message, (event) => {
              counter.count(event);
              onEvent(event);
            });
            const turn = await outcome;
            const content = turn.replies.map((reply) => reply.text).join(REPLY_SEPARATOR);
            return Response.json(chatCompletion(head(turn.turnId), content, counter.usage), {
              headers: { [CHAT_ID_HEADER]: turn.chatId },
            });
          }
          const includeUsage = body.stream_options?.include_usage === true;
          const stream = createEventStream();
          const started = Promise.withResolvers<TurnIds>();
          let first: CompletionHead | undefined;
          let replies = 0;
          const chunk = (value: object) => stream.send(JSON.stringify(value));
          const onEvent = (event: ConversationEvent) => {
            counter.count(event);
            const usage = includeUsage ? null : undefined;
            switch (event.type) {
              case "turn_started":
                first = head(event.turnId);
                chunk(completionChunk(first, { role: "assistant", content: "" }, null, usage));
                return started.resolve(event);
              case "reply":
                if (!first) return;
                chunk(
                  completionChunk(
                    first,
                    { content: (replies++ > 0 ? REPLY_SEPARATOR : "") + event.text },
                    null,
                    usage,
                  ),
                );
                return;
              case "turn_ended":
                if (!first) return;
                chunk(completionChunk(first, {}, "stop", usage));
                if (includeUsage) chunk(usageChunk(first, counter.usage));
                stream.send("[DONE]");
                return stream.close();
              case "turn_failed":
                if (!first) return started.reject(event.error);
                // Past the headers: OpenAI's streams report a failure as an error event.
                chunk(toOpenAIError(event.error).body);
                return stream.close();
              default:
                return;
            }
          };
          void chats.sendMessage(message, onEvent);
          // The chat's id goes in a header, so the stream is answered once the turn began.
          const { chatId } = await started.promise;
          const headersOut = new Headers(stream.response.headers);
          headersOut.set(CHAT_ID_HEADER, chatId);
          return new Response(stream.response.body, { headers: headersOut });
        } catch (error) {
          return openAIErrorResponse(error);
        }
      },
      {
        // Read here, so a body that is not JSON gets OpenAI's error shape too.
        parse: "none",
        detail: {
          summary: "One turn of a chat with a published flow, as a chat completion",
          description:
            "The last message is the user's input. Continue a chat with `chat_id` (or `conversation`, or the X-Switchboard-Chat-Id header); every answer names its chat in that header.",
        },
      },
    );
}

function modelNotFound(model: string): OpenAIError {
  return new OpenAIError(
    404,
    "invalid_request_error",
    "model_not_found",
    `The model '${model}' does not exist: models are the published flows (GET /v1/models).`,
    "model",
  );
}
