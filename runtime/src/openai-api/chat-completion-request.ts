import { type Static, Type as T } from "@sinclair/typebox";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import { OpenAIError } from "./openai-error.ts";

const TextPart = T.Object({ type: T.Literal("text"), text: T.String() });
/** Other parts (images, audio, files) are accepted and left out: flows read text. */
const OtherPart = T.Object({ type: T.String() });

const Message = T.Object({
  role: T.String({ minLength: 1 }),
  content: T.Optional(T.Union([T.String(), T.Array(T.Union([TextPart, OtherPart])), T.Null()])),
});

/**
 * What the API reads of a chat completion request; OpenAI's other fields (temperature, tools, …)
 * are accepted and ignored: the flow decides how it answers.
 */
export const ChatCompletionRequest = T.Object({
  model: T.String({ minLength: 1 }),
  messages: T.Array(Message, { minItems: 1 }),
  stream: T.Optional(T.Union([T.Boolean(), T.Null()])),
  stream_options: T.Optional(
    T.Union([T.Object({ include_usage: T.Optional(T.Boolean()) }), T.Null()]),
  ),
  /** The end user, as the trusted backend names them. */
  user: T.Optional(T.String({ minLength: 1, maxLength: 200 })),
  /** The Switchboard chat to continue (or the `X-Switchboard-Chat-Id` header). */
  chat_id: T.Optional(T.String({ minLength: 1, maxLength: 200 })),
  /** The client's own id of the conversation (or the `X-Switchboard-Conversation` header). */
  conversation: T.Optional(T.String({ minLength: 1, maxLength: 200 })),
});

export type ChatCompletionRequest = Static<typeof ChatCompletionRequest>;

const checker = TypeCompiler.Compile(ChatCompletionRequest);

/**
 * Parses a request body, naming the first problem and its field as OpenAI does.
 *
 * @throws OpenAIError 400 `invalid_request_error`
 */
export function parseChatCompletionRequest(text: string): ChatCompletionRequest {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalid("The request body is not valid JSON.", null);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw invalid("The request body must be a JSON object.", null);
  const error = checker.Check(body) ? undefined : checker.Errors(body).First();
  if (error) {
    const param = error.path.slice(1).replaceAll("/", ".");
    if (error.value === undefined) throw invalid(`Missing required parameter: '${param}'.`, param);
    throw invalid(`Invalid value for '${param}': ${lowerFirst(error.message)}.`, param);
  }
  return body as ChatCompletionRequest;
}

/**
 * The turn's input: the last message, which must be the user's. Earlier messages are the
 * client's copy of the conversation, which the chat already holds.
 *
 * @throws OpenAIError 400 when the last message is not a user's text.
 */
export function lastUserText(request: ChatCompletionRequest, maxLength: number): string {
  const index = request.messages.length - 1;
  const last = request.messages[index];
  const param = `messages.${index}`;
  if (last?.role !== "user")
    throw invalid(
      `The last message must be the user's (role 'user'), not '${last?.role}'.`,
      `${param}.role`,
    );
  const text =
    typeof last.content === "string"
      ? last.content
      : (last.content ?? [])
          .flatMap((part) => ("text" in part && part.type === "text" ? [part.text] : []))
          .join("\n");
  if (text.trim() === "") throw invalid("The user's message has no text.", `${param}.content`);
  if (text.length > maxLength)
    throw invalid(
      `The user's message is ${text.length.toLocaleString("en-US")} characters long; the limit is ${maxLength.toLocaleString("en-US")}.`,
      `${param}.content`,
    );
  return text;
}

function invalid(message: string, param: string | null): OpenAIError {
  return new OpenAIError(400, "invalid_request_error", null, message, param);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
