import type { Serialized } from "@langchain/core/load/serializable";
import type { BaseMessage } from "@langchain/core/messages";
import { CallbackHandler } from "@langfuse/langchain";
import { type Context, context } from "@opentelemetry/api";

/** Where the model calls of a turn's nodes belong. */
export interface NodeScopes {
  /** The OpenTelemetry context a call made by this node is traced in: the node's span. */
  contextFor(nodeId: string | undefined): Context;
}

/** The flow node a LangChain run belongs to: LangGraph names it in the run's metadata. */
function nodeOf(metadata: Record<string, unknown> | undefined): string | undefined {
  const node = metadata?.langgraph_node;
  return typeof node === "string" ? node : undefined;
}

/** LangGraph's bookkeeping, and the node id the engine adds: the node's span already says it. */
const GRAPH_KEY = /^(?:langgraph_|checkpoint_ns$|thread_id$|nodeId$)/;

/** A call's metadata as its generation shows it: the model's (`ls_*`), not the graph's. */
function callMetadata(
  metadata: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (!metadata) return metadata;
  const kept: Record<string, unknown> = {};
  for (const key in metadata) if (!GRAPH_KEY.test(key)) kept[key] = metadata[key];
  return kept;
}

/**
 * Langfuse's LangChain handler, narrowed to what the turn's own spans don't show: each chat
 * model call becomes a generation (model, parameters, prompt, completion, usage, errors) under
 * the span of the flow node that made it. LangGraph's chain runs are ignored — the turn trace
 * has a span per node with the real state diff — and since a generation's parent can't be a
 * run the handler never saw, it is parented explicitly through the OpenTelemetry context.
 *
 * Handlers are awaited (not queued in LangChain's background queue, shared by every turn) so a
 * generation starts when the call does and always while its node's span is open.
 *
 * @example
 * await runTurn(graph, threadId, input, { callbacks: [new NodeCallbackHandler(scopes)] });
 */
export class NodeCallbackHandler extends CallbackHandler {
  readonly #scopes: NodeScopes;

  constructor(scopes: NodeScopes) {
    super();
    this.#scopes = scopes;
    this.awaitHandlers = true;
    this.ignoreChain = true;
  }

  override async handleChatModelStart(
    llm: Serialized,
    messages: BaseMessage[][],
    runId: string,
    _parentRunId?: string,
    extraParams?: Record<string, unknown>,
    tags?: string[],
    metadata?: Record<string, unknown>,
    name?: string,
  ): Promise<void> {
    return this.#inNode(metadata, (kept) =>
      super.handleChatModelStart(llm, messages, runId, undefined, extraParams, tags, kept, name),
    );
  }

  override async handleLLMStart(
    llm: Serialized,
    prompts: string[],
    runId: string,
    _parentRunId?: string,
    extraParams?: Record<string, unknown>,
    tags?: string[],
    metadata?: Record<string, unknown>,
    name?: string,
  ): Promise<void> {
    return this.#inNode(metadata, (kept) =>
      super.handleLLMStart(llm, prompts, runId, undefined, extraParams, tags, kept, name),
    );
  }

  /**
   * Starts a generation in its node's span, with the call's own metadata. No parent run id is
   * passed on: without one the handler starts the generation in the active context.
   */
  #inNode(
    metadata: Record<string, unknown> | undefined,
    start: (metadata: Record<string, unknown> | undefined) => Promise<void>,
  ): Promise<void> {
    return context.with(this.#scopes.contextFor(nodeOf(metadata)), () =>
      start(callMetadata(metadata)),
    );
  }
}
