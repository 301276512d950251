import type {
  ChatService,
  ConversationEvent,
  TurnIds,
  UserMessage,
} from "../conversations/index.ts";
import { collectTurn } from "../conversations/index.ts";
import { createEventStream } from "../http/index.ts";
import {
  type CompletionHead,
  chatCompletion,
  completionChunk,
  createUsageCounter,
  REPLY_SEPARATOR,
  usageChunk,
} from "./chat-completion.ts";
import { toOpenAIError } from "./openai-error.ts";

/** The header that names the chat to continue, and that answers name the chat with. */
export const CHAT_ID_HEADER = "x-switchboard-chat-id";

/** What one completion runs: the user's message to a flow (its `model`), and how to answer. */
export interface CompletionTurn {
  message: UserMessage;
  model: string;
  stream: boolean;
  includeUsage: boolean;
}

const headOf = (model: string, turnId: string): CompletionHead => ({
  id: `chatcmpl-${turnId}`,
  created: Math.floor(Date.now() / 1000),
  model,
});

/**
 * Runs a user's message as one turn and answers it as a `chat.completion`, or streamed as
 * `chat.completion.chunk` events; the answer names the chat in the `X-Switchboard-Chat-Id`
 * header.
 *
 * @throws the turn's failure when it fails before its answer began.
 */
export function completeChat(chats: ChatService, turn: CompletionTurn): Promise<Response> {
  return turn.stream ? streamCompletion(chats, turn) : answerCompletion(chats, turn);
}

async function answerCompletion(chats: ChatService, { message, model }: CompletionTurn) {
  const counter = createUsageCounter();
  const { onEvent, outcome } = collectTurn();
  void chats.sendMessage(message, (event) => {
    counter.count(event);
    onEvent(event);
  });
  const turn = await outcome;
  const content = turn.replies.map((reply) => reply.text).join(REPLY_SEPARATOR);
  return Response.json(chatCompletion(headOf(model, turn.turnId), content, counter.usage), {
    headers: { [CHAT_ID_HEADER]: turn.chatId },
  });
}

async function streamCompletion(
  chats: ChatService,
  { message, model, includeUsage }: CompletionTurn,
) {
  const counter = createUsageCounter();
  const stream = createEventStream();
  const started = Promise.withResolvers<TurnIds>();
  // Every chunk carries `usage` (null until the last) only when the client asked for it.
  const usage = includeUsage ? null : undefined;
  let head: CompletionHead | undefined;
  let replies = 0;
  const chunk = (value: object) => stream.send(JSON.stringify(value));
  const onEvent = (event: ConversationEvent) => {
    counter.count(event);
    switch (event.type) {
      case "turn_started":
        head = headOf(model, event.turnId);
        chunk(completionChunk(head, { role: "assistant", content: "" }, null, usage));
        return started.resolve(event);
      case "reply": {
        if (!head) return;
        const content = (replies++ > 0 ? REPLY_SEPARATOR : "") + event.text;
        return chunk(completionChunk(head, { content }, null, usage));
      }
      case "turn_ended":
        if (!head) return;
        chunk(completionChunk(head, {}, "stop", usage));
        if (includeUsage) chunk(usageChunk(head, counter.usage));
        stream.send("[DONE]");
        return stream.close();
      case "turn_failed":
        if (!head) return started.reject(event.error);
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
  const headers = new Headers(stream.response.headers);
  headers.set(CHAT_ID_HEADER, chatId);
  return new Response(stream.response.body, { headers });
}
