import { type LangfuseSpan, startObservation } from "@langfuse/tracing";
import { type Context, context, SpanStatusCode, trace } from "@opentelemetry/api";
import type { ModelCall, TurnEvent, TurnInput, TurnResult } from "@switchboard/engine";
import { NodeCallbackHandler, type NodeScopes } from "./node-callback-handler.ts";
import type { TurnTrace } from "./tracing.ts";

/** A node span while the node runs, with the model calls it made. */
interface OpenNode {
  span: LangfuseSpan;
  calls: Omit<ModelCall, "nodeId">[];
}

/** What the root observation of a turn says about it. */
export interface TurnTraceOptions {
  /** The observation's name: the flow id, or "turn N" inside a simulation. */
  name: string;
  input: TurnInput;
  /** Where the turn's root goes: a context carrying the propagated trace attributes and parent. */
  parent: Context;
  /** The trace's Langfuse URL. */
  url: string;
  /** Told of a fault in tracing itself, which must never reach the conversation. */
  onFault: (error: unknown) => void;
  /**
   * Whether to hand runTurn the LangChain handler that traces chat model calls. Only worth it
   * when a chat model may answer: any LangChain callback slows every step of the graph.
   */
  chatModels: boolean;
}

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

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The trace of one turn, built from the engine's events as they come: a root observation (the
 * user's message in, the replies out), a span per node visited with the state it started from
 * and what it changed, a generation per local model call (chat model calls arrive as
 * generations through the LangChain handler, under the same node span), and events for
 * handoffs and human replies. Every entry point swallows its own faults.
 *
 * @example
 * const turn = new LangfuseTurnTrace({ name: "support", input, parent, url, onFault, chatModels });
 * await runTurn(graph, threadId, input, { callbacks: turn.callbacks, onEvent: (e) => turn.record(e) });
 */
export class LangfuseTurnTrace implements TurnTrace, NodeScopes {
  readonly traceId: string;
  readonly url: string;
  readonly callbacks: unknown[] | undefined;
  readonly #root: LangfuseSpan;
  /** The root's context: the propagated attributes, with the root as the active span. */
  readonly #context: Context;
  readonly #nodes = new Map<string, OpenNode>();
  readonly #onFault: (error: unknown) => void;
  #ended = false;

  constructor(options: TurnTraceOptions) {
    this.#onFault = options.onFault;
    this.#root = context.with(options.parent, () =>
      startObservation(options.name, { input: describeInput(options.input) }),
    );
    this.#context = trace.setSpan(options.parent, this.#root.otelSpan);
    this.traceId = this.#root.traceId;
    this.url = options.url;
    this.callbacks = options.chatModels ? [new NodeCallbackHandler(this)] : undefined;
  }

  /** The context a child of the root (or the trace of a nested turn) is created in. */
  get context(): Context {
    return this.#context;
  }

  contextFor(nodeId: string | undefined): Context {
    const node = nodeId === undefined ? undefined : this.#nodes.get(nodeId);
    return node ? trace.setSpan(this.#context, node.span.otelSpan) : this.#context;
  }

  record(event: TurnEvent): void {
    if (this.#ended || event.type === "token") return;
    try {
      this.#record(event);
    } catch (error) {
      this.#onFault(error);
    }
  }

  end(result: TurnResult): void {
    this.#finish(() => {
      // A node still open paused the turn: it waits for the user or a human agent.
      for (const node of this.#nodes.values()) node.span.update({ metadata: { paused: true } });
      const problems = result.errors.map((error) => `${error.nodeId}: ${error.message}`);
      this.#root.update({
        output: result.replies.map((reply) => reply.text).join("\n\n"),
        metadata: { status: result.status, visited: result.visited },
        // The flow answered (with its fallback), but something in it failed.
        ...(problems.length > 0 ? { level: "WARNING", statusMessage: problems.join("; ") } : {}),
      });
    });
  }

  fail(error: unknown): void {
    this.#finish(() => {
      this.#root.update({ level: "ERROR", statusMessage: errorMessage(error) });
      this.#root.otelSpan.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(error) });
    });
  }

  #finish(describe: () => void): void {
    if (this.#ended) return;
    this.#ended = true;
    try {
      describe();
      // A node interrupted mid-run (the turn failed) still ends, so its span is exported.
      for (const node of this.#nodes.values()) node.span.end();
      this.#nodes.clear();
      this.#root.end();
    } catch (error) {
      this.#onFault(error);
    }
  }

  #record(event: Exclude<TurnEvent, { type: "token" }>): void {
    switch (event.type) {
      case "node_start": {
        const span = context.with(this.#context, () =>
          startObservation(event.nodeId, {
            input: event.state,
            metadata: { nodeType: event.nodeType },
          }),
        );
        this.#nodes.set(event.nodeId, { span, calls: [] });
        return;
      }
      case "node_end": {
        const node = this.#nodes.get(event.nodeId);
        if (!node) return;
        this.#nodes.delete(event.nodeId);
        node.span
          .update({
            output: event.update,
            metadata: {
              route: event.route,
              durationMs: Math.round(event.durationMs),
              // Every attempt in order: retries and fallbacks at a glance.
              ...(node.calls.length > 0 ? { modelCalls: node.calls } : {}),
            },
          })
          .end();
        return;
      }
      case "model_call": {
        const { nodeId, ...call } = event.call;
        this.#nodes.get(nodeId)?.calls.push(call);
        if (call.provider === "local") this.#traceLocalCall(event.call);
        return;
      }
      case "error": {
        const span = this.#nodes.get(event.nodeId)?.span ?? this.#root;
        const message = `${event.code}: ${event.message}`;
        span.update({ level: "ERROR", statusMessage: message });
        span.otelSpan.setStatus({ code: SpanStatusCode.ERROR, message });
        return;
      }
      case "handoff": {
        const { status, queue, reason, summary, nodeId } = event.handoff;
        context.with(this.contextFor(nodeId), () =>
          startObservation(
            `handoff ${status}`,
            { input: { queue, reason, summary } },
            { asType: "event" },
          ),
        );
        return;
      }
      case "reply": {
        // The bot's replies are the turn's output; a human's stand out in the session.
        if (event.author !== "agent") return;
        context.with(this.contextFor(event.nodeId), () =>
          startObservation("human reply", { output: event.text }, { asType: "event" }),
        );
        return;
      }
    }
  }

  /**
   * The embedded model answers without LangChain, so its call becomes a generation here,
   * timed from the event.
   */
  #traceLocalCall(call: ModelCall): void {
    const endTime = new Date();
    const startTime = new Date(endTime.getTime() - call.latencyMs);
    const parent = this.contextFor(call.nodeId);
    context
      .with(parent, () =>
        startObservation(
          call.model,
          {
            model: "local",
            metadata: { provider: call.provider, attempt: call.attempt ?? 1 },
            ...(call.error ? { level: "ERROR" as const, statusMessage: call.error } : {}),
          },
          { asType: "generation", startTime },
        ),
      )
      .end(endTime);
  }
}
