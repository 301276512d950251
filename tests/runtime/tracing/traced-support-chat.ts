import { MemorySaver } from "@langchain/langgraph";
import {
  compileGraph,
  createModelRegistry,
  type FlowGraph,
  loadFlowFile,
  type ModelCatalog,
  runTurn,
  type TurnInput,
  type TurnResult,
} from "@switchboard/engine";
import type { Tracing, TurnTrace } from "../../../runtime/src/tracing/tracing.ts";
import type { OpenAIStandIn } from "../../stand-ins/openai-server.ts";
import type { OtlpReceiver, ReceivedSpan } from "../../stand-ins/otlp-receiver.ts";

/** The API key the stand-in model server is called with: a secret that must never be traced. */
export const MODEL_API_KEY = "sk-standin-4f8a1c9e2b7d6053";

/** Settings that send traces to the receiver, flushing quickly so tests don't wait. */
export function tracingEnv(
  receiver: Pick<OtlpReceiver, "env">,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    ...receiver.env,
    LANGFUSE_FLUSH_INTERVAL: "0.02",
    LANGFUSE_TIMEOUT: "2",
    STANDIN_API_KEY: MODEL_API_KEY,
    ...extra,
  };
}

/**
 * The support flow with its `default` model answered by the OpenAI-compatible stand-in: two
 * attempts a call, then (with `fallback`) the embedded local model.
 */
export async function supportGraph(
  server: OpenAIStandIn,
  { fallback }: { fallback: boolean },
): Promise<FlowGraph> {
  const loaded = await loadFlowFile("flows/support.flow.json");
  const catalog: ModelCatalog = {
    models: {
      default: {
        provider: "openai",
        baseUrl: server.url,
        model: server.model,
        apiKeyEnv: "STANDIN_API_KEY",
        structuredOutput: "json_schema",
        retry: { timeoutMs: 5000, maxAttempts: 2, backoffMs: 0, maxBackoffMs: 0 },
        ...(fallback ? { fallbacks: ["local"] } : {}),
      },
      local: { provider: "local" },
    },
  };
  const models = createModelRegistry(catalog, { env: { STANDIN_API_KEY: MODEL_API_KEY } });
  return compileGraph(loaded.flow, {
    checkpointer: new MemorySaver(),
    models,
    knowledge: loaded.knowledge,
  });
}

/** A chat of the support flow whose turns are traced as the runtime traces them. */
export function tracedChat(
  tracing: Tracing,
  graph: FlowGraph,
  {
    chatId,
    userId = "user-7",
    channel = "web",
  }: { chatId: string; userId?: string; channel?: string },
) {
  let turns = 0;
  return async (input: TurnInput): Promise<{ result: TurnResult; trace: TurnTrace }> => {
    const turnId = `${chatId}-turn-${++turns}`;
    const trace = tracing.startTurn({
      turnId,
      flowId: "support",
      flowVersion: 3,
      chatId,
      userId,
      channel,
      input,
    });
    try {
      const result = await runTurn(graph, chatId, input, {
        nodeState: true,
        onEvent: (event) => trace.record(event),
      });
      trace.end(result);
      return { result, trace };
    } catch (error) {
      trace.fail(error);
      throw error;
    }
  };
}

/** A received span with its children, in the order they started. */
export interface SpanNode extends ReceivedSpan {
  children: SpanNode[];
}

/** The received spans of one trace as a tree from its root (whose parent was not exported). */
export function traceTree(spans: ReceivedSpan[], traceId: string): SpanNode {
  const own = spans
    .filter((span) => span.traceId === traceId)
    .sort((a, b) => Number(a.startTimeUnixNano - b.startTimeUnixNano));
  const nodes = new Map(own.map((span) => [span.spanId, { ...span, children: [] as SpanNode[] }]));
  const roots: SpanNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentSpanId ? nodes.get(node.parentSpanId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  if (roots.length !== 1)
    throw new Error(`trace ${traceId} has ${roots.length} roots: ${roots.map((r) => r.name)}`);
  return roots[0] as SpanNode;
}

/** The Langfuse observation type of a span. */
export function typeOf(span: ReceivedSpan): unknown {
  return span.attributes["langfuse.observation.type"];
}

/** A JSON-encoded attribute, decoded. */
export function jsonAttribute(span: ReceivedSpan, key: string): unknown {
  const value = span.attributes[key];
  return typeof value === "string" ? JSON.parse(value) : value;
}
