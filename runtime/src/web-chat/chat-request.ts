import { type Static, Type as T } from "@sinclair/typebox";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import { AppError } from "../errors.ts";
import { textProblem } from "../text-problem.ts";

const Id = T.String({ minLength: 1, maxLength: 200, description: "a non-empty string" });
/** The template's clients send `null` for ids they don't have yet. */
const OptionalId = T.Optional(T.Union([Id, T.Null()], { description: "a non-empty string" }));

/** A user's message over `/ws/chat/completions`, as the chatbot template's clients send it. */
export const ChatRequest = T.Object({
  /**
   * The user a backend holding `CLIENT_TOKEN` acts for; ignored for a visitor or a site's user,
   * whose token says who they are (the template's clients still send one).
   */
  user_id: T.Optional(Id),
  question: T.String({ description: "a string" }),
  /** Absent: a new chat. */
  chat_id: OptionalId,
  /** Absent: the chat's active session, or a new one. */
  session_id: OptionalId,
  /** The flow a new chat (or the chat's next session) talks to; default: the configured one. */
  flow: OptionalId,
});

export type ChatRequest = Static<typeof ChatRequest>;

/** Compiled once: every chat message is checked against it. */
const checker = TypeCompiler.Compile(ChatRequest);

/**
 * Checks a decoded WebSocket message, naming the first problem in one sentence.
 *
 * @throws AppError `invalid_request`
 */
export function parseChatRequest(message: unknown, maxQuestionLength: number): ChatRequest {
  if (typeof message !== "object" || message === null || Array.isArray(message))
    throw invalid(
      'A message must be a JSON object like {"user_id": "…", "question": "…", "chat_id": "…"}.',
    );
  const error = checker.Check(message) ? undefined : checker.Errors(message).First();
  if (error) {
    const field = error.path.split("/")[1] ?? "";
    const schema = (ChatRequest.properties as Record<string, { description?: string }>)[field];
    if (error.value === undefined) throw invalid(`${field} is required.`);
    throw invalid(
      `${field} must be ${schema?.description ?? "valid"}, not ${describe(error.value)}.`,
    );
  }
  const request = message as ChatRequest;
  for (const field of ["user_id", "question", "chat_id", "session_id", "flow"] as const) {
    const value = request[field];
    const problem = typeof value === "string" ? textProblem(value) : undefined;
    if (problem) throw invalid(`${field} ${problem}.`);
  }
  const length = request.question.trim().length;
  if (length === 0) throw invalid("question is empty.");
  if (request.question.length > maxQuestionLength)
    throw invalid(
      `question is ${request.question.length.toLocaleString("en-US")} characters long; the limit is ${maxQuestionLength.toLocaleString("en-US")}.`,
    );
  return request;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string")
    return value === "" ? "an empty string" : `a string of ${value.length} characters`;
  return `a ${typeof value}`;
}

function invalid(message: string): AppError {
  return new AppError("invalid_request", message);
}
