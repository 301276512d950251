import { type BaseMessage, isBaseMessage } from "@langchain/core/messages";
import type {
  ModelCall,
  ModelExchange,
  TurnEvent,
  TurnInput,
  TurnResult,
} from "@switchboard/engine";

/**
 * A turn as its trace shows it, as plain data with explicit times (epoch ms): recorded on the
 * thread that runs the turn, which hands it to the export worker; the worker builds the spans.
 * @module
 */

/** A generation (a model call) or an event (a handoff, a human's reply) under a node or the turn. */
export type TraceChild =
  | {
      kind: "generation";
      name: string;
      startTime: number;
      endTime: number;
      model: string;
      parameters?: Record<string, unknown>;
      metadata: Record<string, unknown>;
      input?: unknown;
      output?: unknown;
      usage?: { input: number; output: number; total: number };
      error?: string;
    }
  | { kind: "event"; name: string; time: number; input?: unknown; output?: unknown };

/** A node's run: the state it started from, what it changed, its model calls. */
export interface NodeTraceRecord {
  nodeId: string;
  nodeType: string;
  startTime: number;
  /** Absent while the node waits: the turn paused in it. */
  endTime?: number;
  input?: unknown;
  output?: unknown;
  route?: string | null;
  durationMs?: number;
  calls: Omit<ModelCall, "nodeId">[];
  error?: string;
  children: TraceChild[];
}

export interface TurnTraceRecord {
  /** The root observation's name: the flow id, or "turn N" in a simulation. */
  name: string;
  input: unknown;
  startTime: number;
  endTime: number;
  nodes: NodeTraceRecord[];
  /** What happened outside any node. */
  children: TraceChild[];
  /** The replies joined, the status and the nodes visited; absent when the turn threw. */
  outcome?: { output: string; status: string; visited: string[]; problems: string[] };
  failure?: string;
}

/** Records one turn's events as they come, then the record of the whole turn. */
export interface TurnTraceRecorder {
  record(event: TurnEvent): void;
  end(result: TurnResult): TurnTraceRecord;
  fail(error: unknown): TurnTraceRecord;
}

/** Wall-clock time with the monotonic clock's precision, so events within a millisecond keep their order. */
const now = () => performance.timeOrigin + performance.now();

/** What the model parameters of a generation show, as Langfuse's LangChain handler picks them. */
const PARAMETERS = [
  "temperature",
  "max_tokens",
  "top_p",
  "frequency_penalty",
  "presence_penalty",
  "request_timeout",
];

function describeInput(input: TurnInput): unknown {
  switch (input.kind) {
    case "user":
      return input.text;
    case "agent":
      return { author: "agent", text: input.text };
    default:
      return { action: input.kind };
  }
}

const ROLES: Record<string, string> = {
  human: "user",
  ai: "assistant",
  system: "system",
  generic: "human",
};

/** A message as a generation's prompt or completion shows it. */
function messageOf(message: BaseMessage): Record<string, unknown> {
  const type = message.getType();
  const role = ROLES[type] ?? message.name;
  const toolCalls = "tool_calls" in message ? (message.tool_calls as unknown[]) : undefined;
  return {
    content: message.content,
    ...(role !== undefined ? { role } : {}),
    ...(type === "ai" && toolCalls && toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
  };
}

/** What a generation says of its client: its name, parameters and LangSmith's description of the model. */
interface ClientDescription {
  name: string;
  invocation: Record<string, unknown>;
  parameters: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** Per client: a node's client is built once, so it is described once, not on every call. */
const described = new WeakMap<ModelExchange["chat"], ClientDescription>();

function describeClient(chat: ModelExchange["chat"]): ClientDescription {
  let description = described.get(chat);
  if (description) return description;
  const invocation = (chat.invocationParams?.() ?? {}) as Record<string, unknown>;
  const parameters: Record<string, unknown> = {};
  for (const key of PARAMETERS)
    if (invocation[key] !== undefined && invocation[key] !== null)
      parameters[key] = invocation[key];
  description = {
    name: chat.getName(),
    invocation,
    parameters,
    metadata: { ...chat.getLsParams?.({} as never) },
  };
  described.set(chat, description);
  return description;
}

/** A chat model call as a generation: the client names itself, its parameters and its model. */
function chatGeneration(
  call: ModelCall,
  { chat, prompt, answer }: ModelExchange,
  endTime: number,
): TraceChild {
  const { name, invocation, parameters, metadata } = describeClient(chat);
  const usage = answer?.usage_metadata;
  return {
    kind: "generation",
    name,
    startTime: endTime - call.latencyMs,
    endTime,
    model: String(
      answer?.response_metadata?.model_name ??
        invocation.model ??
        metadata.ls_model_name ??
        call.model,
    ),
    parameters,
    metadata: { ...metadata, attempt: call.attempt ?? 1 },
    input: prompt.map(messageOf),
    ...(answer ? { output: messageOf(answer) } : {}),
    ...(usage
      ? {
          usage: {
            input: usage.input_tokens,
            output: usage.output_tokens,
            total: usage.total_tokens ?? usage.input_tokens + usage.output_tokens,
          },
        }
      : {}),
    ...(call.error ? { error: call.error } : {}),
  };
}

/**
 * What a node changed, with its messages as role and content: the same as a generation shows
 * them, and far cheaper to serialize than LangChain's own JSON of a message.
 */
function plainUpdate(update: Record<string, unknown>): Record<string, unknown> {
  const { messages } = update;
  if (!Array.isArray(messages)) return update;
  return {
    ...update,
    messages: messages.map((message) => (isBaseMessage(message) ? messageOf(message) : message)),
  };
}

/** The embedded model answers without LangChain: its generation is timed from the event. */
function localGeneration(call: ModelCall, endTime: number): TraceChild {
  return {
    kind: "generation",
    name: call.model,
    startTime: endTime - call.latencyMs,
    endTime,
    model: "local",
    metadata: { provider: call.provider, attempt: call.attempt ?? 1 },
    ...(call.error ? { error: call.error } : {}),
  };
}

/**
 * @example
 * const recorder = recordTurnTrace("support", input);
 * const result = await runTurn(graph, threadId, input, { nodeState: true, onEvent: (e) => recorder.record(e) });
 * exporter.post(recorder.end(result));
 */
export function recordTurnTrace(name: string, input: TurnInput): TurnTraceRecorder {
  const record: TurnTraceRecord = {
    name,
    input: describeInput(input),
    startTime: now(),
    endTime: 0,
    nodes: [],
    children: [],
  };
  // The nodes running now, by id (a node that runs again opens a new span).
  const open = new Map<string, NodeTraceRecord>();
  const childrenOf = (nodeId: string | undefined) =>
    (nodeId === undefined ? undefined : open.get(nodeId)?.children) ?? record.children;
  const finish = () => {
    record.endTime = now();
    return record;
  };

  return {
    record(event) {
      switch (event.type) {
        case "node_start": {
          const node: NodeTraceRecord = {
            nodeId: event.nodeId,
            nodeType: event.nodeType,
            startTime: now(),
            input: event.state,
            calls: [],
            children: [],
          };
          open.set(event.nodeId, node);
          record.nodes.push(node);
          return;
        }
        case "node_end": {
          const node = open.get(event.nodeId);
          if (!node) return;
          open.delete(event.nodeId);
          node.endTime = now();
          node.output = plainUpdate(event.update);
          node.route = event.route;
          node.durationMs = Math.round(event.durationMs);
          return;
        }
        case "model_call": {
          const { nodeId, ...call } = event.call;
          open.get(nodeId)?.calls.push(call);
          const time = now();
          if (event.exchange)
            childrenOf(nodeId).push(chatGeneration(event.call, event.exchange, time));
          else if (call.provider === "local")
            childrenOf(nodeId).push(localGeneration(event.call, time));
          return;
        }
        case "error": {
          const node = open.get(event.nodeId);
          if (node) node.error = `${event.code}: ${event.message}`;
          return;
        }
        case "handoff": {
          const { status, queue, reason, summary, nodeId } = event.handoff;
          childrenOf(nodeId).push({
            kind: "event",
            name: `handoff ${status}`,
            time: now(),
            input: { queue, reason, summary },
          });
          return;
        }
        case "reply":
          // The bot's replies are the turn's output; a human's stand out in the session.
          if (event.author === "agent")
            childrenOf(event.nodeId).push({
              kind: "event",
              name: "human reply",
              time: now(),
              output: event.text,
            });
          return;
        default:
          return;
      }
    },
    end(result) {
      record.outcome = {
        output: result.replies.map((reply) => reply.text).join("\n\n"),
        status: result.status,
        visited: result.visited,
        problems: result.errors.map((error) => `${error.nodeId}: ${error.message}`),
      };
      return finish();
    },
    fail(error) {
      record.failure = error instanceof Error ? error.message : String(error);
      return finish();
    },
  };
}
