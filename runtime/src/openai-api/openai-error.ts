import { describeError } from "../errors.ts";

/** An error as OpenAI's API writes it, so its clients show the message. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; code: string | null; param: string | null };
}

/** A failure of the OpenAI-compatible API: its HTTP status, the `param` it concerns. */
export class OpenAIError extends Error {
  override readonly name = "OpenAIError";

  constructor(
    readonly status: number,
    readonly type: string,
    readonly code: string | null,
    message: string,
    readonly param: string | null = null,
  ) {
    super(message);
  }
}

/** OpenAI's error types, by status, for the runtime's own errors. */
function typeOf(status: number): string {
  if (status === 401) return "authentication_error";
  if (status === 404) return "not_found_error";
  if (status === 429) return "rate_limit_error";
  if (status >= 500) return "server_error";
  return "invalid_request_error";
}

/** The body and status of any failure, in OpenAI's error shape. */
export function toOpenAIError(error: unknown): { status: number; body: OpenAIErrorBody } {
  if (error instanceof OpenAIError)
    return {
      status: error.status,
      body: {
        error: { message: error.message, type: error.type, code: error.code, param: error.param },
      },
    };
  const { status, code, message } = describeError(error);
  return { status, body: { error: { message, type: typeOf(status), code, param: null } } };
}

/** @example return openAIErrorResponse(new OpenAIError(400, "invalid_request_error", null, "…")); */
export function openAIErrorResponse(error: unknown): Response {
  const { status, body } = toOpenAIError(error);
  return Response.json(body, { status });
}
