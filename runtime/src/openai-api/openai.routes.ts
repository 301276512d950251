import { Elysia } from "elysia";
import { allows, bearerToken } from "../auth/index.ts";
import { BACKEND_USER } from "../chat-api/index.ts";
import { admitTurn, releasingTurnSlots } from "../conversations/index.ts";
import { listFlows } from "../flows/index.ts";
import type { Services } from "../services.ts";
import { findConversationChat, rememberConversationChat } from "./api-conversations.repository.ts";
import { lastUserText, parseChatCompletionRequest } from "./chat-completion-request.ts";
import { CHAT_ID_HEADER, completeChat } from "./complete-chat.ts";
import { OpenAIError, openAIErrorResponse } from "./openai-error.ts";

/** Chats started from the OpenAI-compatible API. */
const CHANNEL = "openai";

/** The header naming the client's own id of a conversation. */
const CONVERSATION_HEADER = "x-switchboard-conversation";
const MAX_KEY_LENGTH = 200;

/**
 * The OpenAI-compatible API under `/v1`: each published flow is a model; a chat completion is
 * one turn of a chat, whose input is the last user message. Errors are in OpenAI's shape;
 * callers are trusted backends (an API or admin token).
 */
export function openAIRoutes(services: Services) {
  const {
    database: { db },
    chats,
    tokens,
    config,
    turnSlots,
  } = services;
  const boundedChats = releasingTurnSlots(chats, turnSlots);
  /** Only trusted backends, else the 401 OpenAI's clients expect. */
  const authorize = (authorization: string | undefined) => {
    if (!allows("api", tokens.accessOf(bearerToken(authorization))))
      throw new OpenAIError(
        401,
        "invalid_request_error",
        "invalid_api_key",
        "Incorrect API key provided: use an API token (API_TOKENS) as the bearer token.",
      );
  };

  const publishedModels = async () =>
    (await listFlows(db))
      .filter((flow) => flow.publishedVersion !== null)
      .map((flow) => ({
        id: flow.id,
        object: "model" as const,
        created: Math.floor(Date.parse(flow.updatedAt) / 1000),
        owned_by: "switchboard",
      }));

  /** Answers with `work`'s response once the caller is authorized, any failure in OpenAI's shape. */
  const answer = (authorization: string | undefined, work: () => Promise<Response>) =>
    Promise.resolve()
      .then(() => {
        authorize(authorization);
        return work();
      })
      .catch(openAIErrorResponse);

  return new Elysia({ prefix: "/v1", tags: ["OpenAI-compatible"] })
    .get(
      "/models",
      ({ headers }) =>
        answer(headers.authorization, async () =>
          Response.json({ object: "list", data: await publishedModels() }),
        ),
      { detail: { summary: "The published flows, as models" } },
    )
    .get(
      "/models/:model",
      ({ headers, params }) =>
        answer(headers.authorization, async () => {
          const model = (await publishedModels()).find((entry) => entry.id === params.model);
          if (!model) throw modelNotFound(params.model);
          return Response.json(model);
        }),
      { detail: { summary: "One published flow, as a model" } },
    )
    .post(
      "/chat/completions",
      ({ headers, request }) =>
        answer(headers.authorization, async () => {
          const body = parseChatCompletionRequest(await request.text());
          const text = lastUserText(body, config.maxQuestionLength);
          if (!(await publishedModels()).some((model) => model.id === body.model))
            throw modelNotFound(body.model);
          // Open WebUI names its user in a header it can forward (the caller is trusted here).
          const user = body.user ?? headers["x-openwebui-user-id"] ?? BACKEND_USER;
          const conversation = conversationKey(body.conversation, headers);
          const named = body.chat_id ?? headers[CHAT_ID_HEADER];
          const known =
            named ?? (conversation && (await findConversationChat(db, user, conversation)));
          // Trusted, but bounded like every caller: its users' rate limits and the turn slots.
          admitTurn(
            services,
            { identity: { kind: "backend" }, address: "" },
            { userId: user, channel: CHANNEL },
          );
          const response = await completeChat(boundedChats, {
            message: { userId: user, channel: CHANNEL, text, chatId: known, flow: body.model },
            model: body.model,
            stream: body.stream === true,
            includeUsage: body.stream_options?.include_usage === true,
          });
          const chatId = response.headers.get(CHAT_ID_HEADER);
          if (conversation && !known && chatId)
            await rememberConversationChat(db, user, conversation, chatId);
          return response;
        }),
      {
        // Read here, so a body that is not JSON gets OpenAI's error shape too.
        parse: "none",
        detail: {
          summary: "One turn of a chat with a published flow, as a chat completion",
          description:
            "The last message is the user's input. Continue a chat with `chat_id` (or the X-Switchboard-Chat-Id header), which every answer names in that header, or name the conversation with your own id in `conversation` (or the X-Switchboard-Conversation header).",
        },
      },
    );
}

/**
 * The client's own id of the conversation, for clients that resend the whole history and never
 * learn the chat's id: the `conversation` field, the `X-Switchboard-Conversation` header, or
 * the chat id Open WebUI forwards.
 */
function conversationKey(
  field: string | undefined,
  headers: Record<string, string | undefined>,
): string | undefined {
  const key = field ?? headers[CONVERSATION_HEADER] ?? headers["x-openwebui-chat-id"];
  return key?.slice(0, MAX_KEY_LENGTH) || undefined;
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
