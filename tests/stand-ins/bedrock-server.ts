/**
 * A local Bedrock Runtime for `Converse` (`POST /model/{modelId}/converse`) and `ConverseStream`
 * (`POST /model/{modelId}/converse-stream`, answered in AWS event stream frames), with errors as
 * Bedrock sends them (`x-amzn-errortype` and a `{ message }` body) and faults on demand. A
 * request that forces a tool gets the scripted answer as that tool's input when it is JSON, as a
 * model following the tool choice would. Answers are scripted.
 *
 * @example
 * const server = startBedrockServer({ answers: ["Hello!"] });
 * new BedrockRuntimeClient({ region: "us-east-1", endpoint: server.url });
 */
import { encodeEvent } from "./event-stream.ts";
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

export interface BedrockStandIn extends StandIn {
  /** The SigV4 `Authorization` headers received, for checking region and service. */
  readonly signatures: string[];
}

interface ConverseBody {
  messages?: { role: string; content: { text?: string }[] }[];
  system?: { text?: string }[];
  inferenceConfig?: { maxTokens?: number; temperature?: number };
  toolConfig?: {
    tools?: { toolSpec?: { name?: string } }[];
    toolChoice?: { tool?: { name?: string } };
  };
}

/** Bedrock's exceptions by HTTP status, as its service model lists them. */
const exceptions: Record<number, string> = {
  400: "ValidationException",
  403: "AccessDeniedException",
  404: "ResourceNotFoundException",
  408: "ModelTimeoutException",
  424: "ModelErrorException",
  429: "ThrottlingException",
  500: "InternalServerException",
  503: "ServiceUnavailableException",
};

function errorResponse(status: number, message: string): Response {
  const type = exceptions[status] ?? "InternalServerException";
  return Response.json(
    { message },
    {
      status,
      headers: {
        "x-amzn-errortype": `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
      },
    },
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Starts the stand-in on a free port. */
export function startBedrockServer(options: StandInOptions = {}): BedrockStandIn {
  const script = new Script(options.answers);
  const chunkDelayMs = options.chunkDelayMs ?? 0;
  const signatures: string[] = [];

  /** What the model answers: text, or the forced tool's input when the answer is a JSON object. */
  function contentFor(body: ConverseBody, answer: string) {
    const forced = body.toolConfig?.toolChoice?.tool?.name;
    const input = parseJson(answer);
    if (forced && input && typeof input === "object" && !Array.isArray(input)) {
      return { toolUse: { toolUseId: "tooluse_standin", name: forced, input } };
    }
    return { text: answer };
  }

  function converse(body: ConverseBody, answer: string, fault: Fault | undefined): Response {
    const limit = body.inferenceConfig?.maxTokens;
    const pieces = tokensOf(answer);
    const kept = limit === undefined ? pieces : pieces.slice(0, limit);
    const block = contentFor(body, kept.join(""));
    const stopReason =
      kept.length < pieces.length ? "max_tokens" : "toolUse" in block ? "tool_use" : "end_turn";
    const inputText = [...(body.system ?? []), ...(body.messages ?? []).flatMap((m) => m.content)]
      .map((c) => c.text ?? "")
      .join("\n");
    const usage = {
      inputTokens: countTokens(inputText),
      outputTokens: kept.length,
      totalTokens: 0,
    };
    usage.totalTokens = usage.inputTokens + usage.outputTokens;
    const json = JSON.stringify({
      output: { message: { role: "assistant", content: [block] } },
      stopReason,
      usage,
      metrics: { latencyMs: 1 },
    });
    if (fault?.kind === "malformed")
      return new Response(json.slice(0, json.length / 2), jsonHeaders);
    if (fault?.kind === "drop") {
      return new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(json.slice(0, json.length / 2)));
            controller.error(); // no reason: Bun would print one as uncaught
          },
        }),
        jsonHeaders,
      );
    }
    return new Response(json, jsonHeaders);
  }

  function converseStream(body: ConverseBody, answer: string, fault: Fault | undefined): Response {
    const limit = body.inferenceConfig?.maxTokens;
    const pieces = tokensOf(answer);
    const kept = limit === undefined ? pieces : pieces.slice(0, limit);
    const block = contentFor(body, kept.join(""));
    const stopReason =
      kept.length < pieces.length ? "max_tokens" : "toolUse" in block ? "tool_use" : "end_turn";
    const deltas =
      "toolUse" in block && block.toolUse
        ? [
            encodeEvent("contentBlockStart", {
              contentBlockIndex: 0,
              start: { toolUse: { toolUseId: block.toolUse.toolUseId, name: block.toolUse.name } },
            }),
            encodeEvent("contentBlockDelta", {
              contentBlockIndex: 0,
              delta: { toolUse: { input: JSON.stringify(block.toolUse.input) } },
            }),
          ]
        : kept.map((text) =>
            encodeEvent("contentBlockDelta", { contentBlockIndex: 0, delta: { text } }),
          );
    const events = [
      encodeEvent("messageStart", { role: "assistant" }),
      ...deltas,
      encodeEvent("contentBlockStop", { contentBlockIndex: 0 }),
      encodeEvent("messageStop", { stopReason }),
      encodeEvent("metadata", {
        usage: { inputTokens: 10, outputTokens: kept.length, totalTokens: 10 + kept.length },
        metrics: { latencyMs: 1 },
      }),
    ];
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        for (const [index, event] of events.entries()) {
          if (index > 0 && chunkDelayMs > 0) await sleep(chunkDelayMs);
          if (index === 2 && fault?.kind === "malformed") {
            controller.enqueue(new TextEncoder().encode("this is not an event stream frame"));
            controller.close();
            return;
          }
          if (index === 2 && fault?.kind === "drop") {
            controller.error(); // no reason: Bun would print one as uncaught
            return;
          }
          controller.enqueue(event);
          if (index === 1 && fault?.kind === "hold") await fault.until;
        }
        controller.close();
      },
    });
    return new Response(stream, {
      headers: { "content-type": "application/vnd.amazon.eventstream" },
    });
  }

  async function handle(request: Request, modelId: string, streaming: boolean): Promise<Response> {
    signatures.push(request.headers.get("authorization") ?? "");
    let body: ConverseBody;
    try {
      body = (await request.json()) as ConverseBody;
    } catch {
      return errorResponse(400, "The request body is not valid JSON.");
    }
    script.requests.push({
      model: modelId,
      stream: streaming,
      structured: body.toolConfig?.toolChoice?.tool !== undefined,
      temperature: body.inferenceConfig?.temperature,
      maxTokens: body.inferenceConfig?.maxTokens,
      messages: [
        ...(body.system ?? []).map((s) => ({ role: "system", text: s.text ?? "" })),
        ...(body.messages ?? []).map((m) => ({
          role: m.role,
          text: m.content.map((c) => c.text ?? "").join(""),
        })),
      ],
      body: body as Record<string, unknown>,
      headers: request.headers,
    } satisfies RecordedRequest);
    const fault = script.nextFault();
    if (fault?.kind === "latency") await sleep(fault.ms);
    if (fault?.kind === "status") {
      return errorResponse(fault.status, fault.message ?? `The stand-in answered ${fault.status}.`);
    }
    const empty = (body.messages ?? []).findIndex((m) => m.content.length === 0);
    if (empty >= 0) {
      return errorResponse(
        400,
        `The content field in the Message object at messages.${empty} is empty. Add a ContentBlock object to the content field and try again.`,
      );
    }
    const answer = script.nextAnswer();
    if (answer === undefined)
      return errorResponse(400, "The stand-in has no scripted answer left for this request.");
    return streaming ? converseStream(body, answer, fault) : converse(body, answer, fault);
  }

  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    idleTimeout: 0,
    fetch(request) {
      const path = new URL(request.url).pathname;
      const match = /^\/model\/([^/]+)\/(converse|converse-stream)$/.exec(path);
      if (request.method === "POST" && match) {
        return handle(request, decodeURIComponent(match[1] ?? ""), match[2] === "converse-stream");
      }
      return errorResponse(404, `No route for ${request.method} ${path}.`);
    },
  });

  return {
    url: `http://127.0.0.1:${server.port}`,
    requests: script.requests,
    signatures,
    script: (answers) => script.script(answers),
    get remaining() {
      return script.remaining;
    },
    fail: (...faults) => script.fail(faults),
    stop: () => server.stop(true),
  };
}

const jsonHeaders = { headers: { "content-type": "application/json" } };
