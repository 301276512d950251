/**
 * A local server that speaks the OpenAI chat completions API the way vLLM serves it:
 * `GET /v1/models`, `POST /v1/chat/completions` plain and with `stream: true` (SSE chunks, the
 * usage chunk when `stream_options.include_usage` is set, `data: [DONE]`), `response_format`
 * checked like the API checks it, and faults on demand. Answers are scripted.
 *
 * @example
 * const server = startOpenAIServer({ answers: ["Hello!"] });
 * new ChatOpenAI({ model: server.model, apiKey: "x", configuration: { baseURL: server.url } });
 */
import {
  countTokens,
  type Fault,
  type RecordedRequest,
  Script,
  type StandIn,
  type StandInOptions,
  sleep,
  tokensOf,
} from "./stand-in.ts";

export interface OpenAIServerOptions extends StandInOptions {
  /** The model ids `/v1/models` lists and requests may name (default: vLLM's Qwen model). */
  models?: string[];
  /** When set, requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /**
   * Answers each request from what it asks, instead of the script: for a benchmark's endless
   * requests, where a structured request must get JSON and a plain one text whatever the order.
   */
  answer?: (request: RecordedRequest) => string;
}

export interface OpenAIStandIn extends StandIn {
  /** The first model id served. */
  readonly model: string;
}

interface ChatBody {
  model?: string;
  messages?: { role: string; content: unknown }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  temperature?: number;
  max_tokens?: number;
  max_completion_tokens?: number;
  response_format?: { type?: string; json_schema?: { name?: unknown; schema?: unknown } };
}

const encoder = new TextEncoder();

function errorBody(status: number, message: string, type: string, param: string | null = null) {
  return Response.json({ error: { message, type, param, code: status } }, { status });
}

const errorTypes: Record<number, string> = {
  400: "BadRequestError",
  401: "AuthenticationError",
  404: "NotFoundError",
  429: "RateLimitError",
  500: "InternalServerError",
  503: "ServiceUnavailableError",
};

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content))
    return content.map((part) => (part as { text?: string }).text ?? "").join("");
  return "";
}

/** The checks the API applies to `response_format` (vLLM rejects a json_schema without a schema). */
function responseFormatProblem(format: ChatBody["response_format"]): string | null {
  if (format === undefined) return null;
  if (!["text", "json_object", "json_schema"].includes(String(format.type))) {
    return `response_format.type must be text, json_object or json_schema, not ${format.type}`;
  }
  if (format.type !== "json_schema") return null;
  const name = format.json_schema?.name;
  if (typeof name !== "string" || !/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
    return "response_format.json_schema.name must be 1-64 letters, digits, '_' or '-'";
  }
  const schema = format.json_schema?.schema;
  if (schema === null || typeof schema !== "object")
    return "response_format.json_schema.schema is required";
  return null;
}

/** Starts the stand-in on a free port. */
export function startOpenAIServer(options: OpenAIServerOptions = {}): OpenAIStandIn {
  const models = options.models ?? ["Qwen/Qwen2.5-0.5B-Instruct"];
  const script = new Script(options.answers);
  const chunkDelayMs = options.chunkDelayMs ?? 0;
  let sequence = 0;

  function completion(body: ChatBody, answer: string, fault: Fault | undefined): Response {
    const id = `chatcmpl-${++sequence}`;
    const created = Math.floor(Date.now() / 1000);
    const model = body.model ?? "";
    const limit = body.max_completion_tokens ?? body.max_tokens;
    const pieces = tokensOf(answer);
    const kept = limit === undefined ? pieces : pieces.slice(0, limit);
    const finishReason = kept.length < pieces.length ? "length" : "stop";
    const content = kept.join("");
    const usage = {
      prompt_tokens: countTokens((body.messages ?? []).map((m) => textOf(m.content)).join("\n")),
      completion_tokens: kept.length,
      total_tokens: 0,
    };
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;

    if (!body.stream) {
      const json = JSON.stringify({
        id,
        object: "chat.completion",
        created,
        model,
        choices: [
          {
            index: 0,
            message: { role: "assistant", content },
            logprobs: null,
            finish_reason: finishReason,
          },
        ],
        usage,
      });
      if (fault?.kind === "malformed")
        return new Response(json.slice(0, json.length / 2), jsonHeaders);
      if (fault?.kind === "drop") return droppedAfter(json.slice(0, json.length / 2), jsonHeaders);
      return new Response(json, jsonHeaders);
    }

    const chunk = (delta: object, finish: string | null) =>
      `data: ${JSON.stringify({
        id,
        object: "chat.completion.chunk",
        created,
        model,
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
        usage: null,
      })}\n\n`;
    const events = [
      chunk({ role: "assistant", content: "" }, null),
      ...kept.map((piece) => chunk({ content: piece }, null)),
      chunk({}, finishReason),
      ...(body.stream_options?.include_usage
        ? [
            `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [], usage })}\n\n`,
          ]
        : []),
      "data: [DONE]\n\n",
    ];
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        for (const [index, event] of events.entries()) {
          if (index > 0 && chunkDelayMs > 0) await sleep(chunkDelayMs);
          if (index === 2 && fault?.kind === "malformed") {
            controller.enqueue(encoder.encode('data: {"id": "broken", "choices": [\n\n'));
            controller.close();
            return;
          }
          if (index === 2 && fault?.kind === "drop") {
            controller.error(); // no reason: Bun would print one as uncaught
            return;
          }
          controller.enqueue(encoder.encode(event));
          if (index === 1 && fault?.kind === "hold") await fault.until;
        }
        controller.close();
      },
    });
    return new Response(stream, {
      headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
    });
  }

  async function chatCompletions(request: Request): Promise<Response> {
    if (options.apiKey && request.headers.get("authorization") !== `Bearer ${options.apiKey}`) {
      return errorBody(401, "Unauthorized: invalid API key.", "AuthenticationError");
    }
    let body: ChatBody;
    try {
      body = (await request.json()) as ChatBody;
    } catch {
      return errorBody(400, "The request body is not valid JSON.", "BadRequestError");
    }
    const structured =
      body.response_format?.type === "json_schema" || body.response_format?.type === "json_object";
    const recorded: RecordedRequest = {
      model: String(body.model),
      stream: body.stream === true,
      structured,
      temperature: body.temperature,
      maxTokens: body.max_completion_tokens ?? body.max_tokens,
      messages: (body.messages ?? []).map((m) => ({ role: m.role, text: textOf(m.content) })),
      body: body as Record<string, unknown>,
      headers: request.headers,
    };
    script.requests.push(recorded);

    const fault = script.nextFault();
    if (fault?.kind === "latency") await sleep(fault.ms);
    if (fault?.kind === "status") {
      const type = errorTypes[fault.status] ?? "APIError";
      return errorBody(
        fault.status,
        fault.message ?? `The stand-in answered ${fault.status}.`,
        type,
      );
    }
    if (!models.includes(String(body.model))) {
      return Response.json(
        {
          object: "error",
          message: `The model \`${body.model}\` does not exist.`,
          type: "NotFoundError",
          param: null,
          code: 404,
        },
        { status: 404 },
      );
    }
    const problem = responseFormatProblem(body.response_format);
    if (problem) return errorBody(400, problem, "BadRequestError", "response_format");
    const answer = options.answer ? options.answer(recorded) : script.nextAnswer();
    if (answer === undefined) {
      return errorBody(
        400,
        "The stand-in has no scripted answer left for this request.",
        "BadRequestError",
      );
    }
    return completion(body, answer, fault);
  }

  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    idleTimeout: 0,
    fetch(request) {
      const path = new URL(request.url).pathname;
      if (request.method === "GET" && path === "/v1/models") {
        return Response.json({
          object: "list",
          data: models.map((id) => ({
            id,
            object: "model",
            created: 0,
            owned_by: "vllm",
            root: id,
            parent: null,
          })),
        });
      }
      if (request.method === "POST" && path === "/v1/chat/completions")
        return chatCompletions(request);
      return errorBody(404, `No route for ${request.method} ${path}.`, "NotFoundError");
    },
  });

  return {
    url: `http://127.0.0.1:${server.port}/v1`,
    model: models[0] ?? "",
    requests: script.requests,
    script: (answers) => script.script(answers),
    get remaining() {
      return script.remaining;
    },
    fail: (...faults) => script.fail(faults),
    stop: () => server.stop(true),
  };
}

const jsonHeaders = { headers: { "content-type": "application/json" } };

/** A response that sends `start` and then breaks off, as when a server dies mid-answer. */
function droppedAfter(start: string, init: ResponseInit): Response {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(start));
      controller.error(); // no reason: Bun would print one as uncaught
    },
  });
  return new Response(stream, init);
}
