import { HumanMessage } from "@langchain/core/messages";
import { interrupt, isGraphInterrupt, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { EMIT, NODE_STATE } from "../configurable-keys.ts";
import { FlowError } from "../errors.ts";
import { lastUserText, replyMessage, replyOf } from "../nodes/messages.ts";
import type { NodeImplementation, NodeResult, NodeRun, RunContext } from "../nodes/node-runner.ts";
import { buildScope } from "../nodes/scope.ts";
import type { Flow, FlowNode } from "../schema/flow.ts";
import type { FlowStateUpdate, FlowStateValue } from "../state.ts";
import type { TurnEvent, TurnInput } from "../turn/turn-event.ts";
import { messageLanguage } from "./message-language.ts";

/** What a node that reads the user's message waits for once the bot answered the last one. */
export interface UserWait {
  waitingFor: "user";
  nodeId: string;
}

/** Sentinel route: the node failed and said the flow's fallback reply; the path ends. */
export const FAILED = "__failed__";

/** The route of a node that takes its single plain edge. */
export const NEXT = "__next__";

const silent = () => {};

/**
 * The turn's event listener travels in `configurable` rather than LangGraph's custom stream
 * mode: a direct call per event instead of a trip through the stream queue keeps the engine
 * close to a hand-written graph's speed. Functions are not checkpointed.
 */
function emitterOf(config: LangGraphRunnableConfig): (event: TurnEvent) => void {
  return (config.configurable?.[EMIT] as ((event: TurnEvent) => void) | undefined) ?? silent;
}

/**
 * Waits (a LangGraph interrupt) for the user's next message; returns it as a state update. Turns
 * end before such a node now (see `compileGraph`), so only conversations paused this way by an
 * earlier version still come here, to take the message they wait for.
 */
function takeNextUserMessage(nodeId: string): { messages: HumanMessage[]; replied: false } {
  const input = interrupt<UserWait, TurnInput>({ waitingFor: "user", nodeId });
  if (input.kind !== "user") {
    throw new FlowError(
      "turn_rejected",
      `The conversation is waiting for the user, not for '${input.kind}'.`,
    );
  }
  return { messages: [new HumanMessage(input.text)], replied: false };
}

/** The variables and bookkeeping a node changed, for timelines and traces. */
function describeUpdate(result: NodeResult): Record<string, unknown> {
  const { messages, route: _route, ...rest } = result;
  const replies = messages?.map(replyOf).filter(Boolean);
  return replies?.length ? { ...rest, replies } : rest;
}

/**
 * Wraps a node's implementation with what every node gets: waiting for the user, the
 * `node_start`/`node_end`/`reply` events, the visited list, and turning a failure into the
 * node's `error` branch or the flow's fallback reply so the conversation is never left broken.
 */
export function wrapNode(
  flow: Flow,
  node: FlowNode,
  implementation: NodeImplementation<FlowNode>,
  run: NodeRun,
  hasErrorEdge: boolean,
) {
  return async (
    state: FlowStateValue,
    config: LangGraphRunnableConfig,
  ): Promise<FlowStateUpdate> => {
    const emit = emitterOf(config);
    let effective = state;
    let prefix: { messages?: HumanMessage[]; replied?: false } = {};
    if (state.bookkeeping.replied && implementation.needsUserMessage(state, node)) {
      const next = takeNextUserMessage(node.id);
      prefix = next;
      effective = {
        ...state,
        messages: [...state.messages, ...next.messages],
        bookkeeping: { ...state.bookkeeping, replied: false },
      };
    }
    emit({
      type: "node_start",
      nodeId: node.id,
      nodeType: node.type,
      ...(config.configurable?.[NODE_STATE]
        ? { state: { vars: effective.vars, intent: effective.bookkeeping.intent } }
        : {}),
    });
    const started = performance.now();
    const language = await messageLanguage(flow, effective);
    const context: RunContext = {
      node,
      config,
      emit,
      scope: buildScope(effective, language),
      userText: lastUserText(effective.messages),
      language,
    };
    let result: NodeResult;
    try {
      result = await run(effective, context);
    } catch (error) {
      if (isGraphInterrupt(error)) throw error;
      const failure =
        error instanceof FlowError
          ? error
          : new FlowError("node_failed", String(error), { cause: error });
      emit({ type: "error", nodeId: node.id, code: failure.code, message: failure.message });
      result = hasErrorEdge
        ? { route: "error" }
        : {
            route: FAILED,
            messages: [replyMessage(flow.fallback, { nodeId: node.id, author: "bot" })],
          };
    }
    const messages = [...(prefix.messages ?? []), ...(result.messages ?? [])];
    const replies = (result.messages ?? []).map(replyOf);
    for (const reply of replies) if (reply) emit({ type: "reply", ...reply });
    emit({
      type: "node_end",
      nodeId: node.id,
      nodeType: node.type,
      durationMs: performance.now() - started,
      route: result.route ?? null,
      update: describeUpdate(result),
    });
    const { messages: _said, vars, route, ...changes } = result;
    if (language !== state.bookkeeping.language) changes.language = language;
    // A node that says whether it answered (a greeting does not) overrides "it replied".
    const replied = result.replied ?? (replies.some(Boolean) ? true : prefix.replied);
    return {
      messages,
      ...(vars ? { vars } : {}),
      bookkeeping: {
        ...changes,
        route: route ?? NEXT,
        visited: [node.id],
        ...(replied === undefined ? {} : { replied }),
      },
    };
  };
}
