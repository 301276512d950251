import { HumanMessage } from "@langchain/core/messages";
import { Command, INTERRUPT } from "@langchain/langgraph";
import type { FlowGraph } from "../compile/compile-graph.ts";
import type { UserWait } from "../compile/wrap-node.ts";
import { EMIT, MODEL_CALLBACKS, NODE_STATE } from "../configurable-keys.ts";
import { FlowError } from "../errors.ts";
import type { HandoffWait } from "../nodes/escalate/run.ts";
import type { FlowStateValue } from "../state.ts";
import type { TurnEvent, TurnInput, TurnResult } from "./turn-event.ts";
import { TURN_RECURSION_LIMIT } from "./turn-limits.ts";

type Wait = UserWait | HandoffWait;

export interface TurnOptions {
  /** Called for every event of the turn as it happens (tokens, nodes, replies, model calls). */
  onEvent?: (event: TurnEvent) => void;
  signal?: AbortSignal;
  /** Extra LangChain callbacks (e.g. tracing) for the turn's chat model calls. */
  callbacks?: unknown[];
  /** Give each `node_start` event the variables and intent the node starts from (for traces). */
  nodeState?: boolean;
}

function graphInput(wait: Wait | undefined, input: TurnInput) {
  if (wait?.waitingFor === "agent") return new Command({ resume: input });
  if (input.kind !== "user") {
    throw new FlowError(
      "turn_rejected",
      `No human agent holds this conversation, so '${input.kind}' cannot be applied; only user messages are accepted now.`,
    );
  }
  // Threads paused before turns ended ahead of the waiting node wait on an interrupt.
  if (wait) return new Command({ resume: input });
  return { messages: [new HumanMessage(input.text)], bookkeeping: { replied: false } };
}

function collect(result: TurnResult, event: TurnEvent): void {
  switch (event.type) {
    case "node_start":
      result.visited.push(event.nodeId);
      break;
    case "reply": {
      const { type: _type, ...reply } = event;
      result.replies.push(reply);
      break;
    }
    case "model_call":
      result.calls.push(event.call);
      break;
    case "error":
      result.errors.push({ nodeId: event.nodeId, code: event.code, message: event.message });
      break;
    default:
      break;
  }
}

/**
 * Runs one turn of a conversation: resumes the paused thread (or starts it at the entry node)
 * with the input, reports every event as it happens, and returns the turn's outcome.
 *
 * @example
 * const turn = await runTurn(graph, "chat-1", { kind: "user", text: "When do you open?" }, {
 *   onEvent: (event) => event.type === "token" && process.stdout.write(event.delta),
 * });
 * turn.status // "waiting": the flow waits for the user's next message
 */
export async function runTurn(
  graph: FlowGraph,
  threadId: string,
  input: TurnInput,
  options: TurnOptions = {},
): Promise<TurnResult> {
  const started = performance.now();
  const result: TurnResult = {
    threadId,
    status: "ended",
    replies: [],
    visited: [],
    intent: null,
    vars: {},
    handoff: null,
    calls: [],
    errors: [],
    durationMs: 0,
  };
  const onEvent = options.onEvent;
  const emit = (event: TurnEvent) => {
    collect(result, event);
    onEvent?.(event);
  };
  const config = {
    configurable: {
      thread_id: threadId,
      [EMIT]: emit,
      ...(options.nodeState ? { [NODE_STATE]: true } : {}),
      ...(options.callbacks ? { [MODEL_CALLBACKS]: options.callbacks } : {}),
    },
    recursionLimit: TURN_RECURSION_LIMIT,
    // The turn is the unit of work: its state is saved once, when it pauses or ends, instead of
    // after every step. Half the checkpoint writes, and a turn cut off by a crash leaves the
    // conversation as the last whole turn left it, to be answered again from there.
    durability: "exit" as const,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  let values: FlowStateValue & { __interrupt__?: { value: Wait }[] };
  try {
    // What the thread waits for is its pending interrupt; LangGraph reuses this read to run.
    const saved = await graph.checkpointer.readLatest(threadId);
    const pending = saved?.pendingWrites?.find(([, channel]) => channel === INTERRUPT)?.[2] as
      | { value: Wait }[]
      | undefined;
    values = await graph.invoke(graphInput(pending?.[0]?.value, input), config);
  } finally {
    graph.checkpointer.forget(threadId);
  }
  const next = values.__interrupt__?.[0]?.value;
  if (next) result.status = next.waitingFor === "agent" ? "handoff" : "waiting";
  else if (graph.waitingNode(values)) result.status = "waiting";
  result.vars = values.vars;
  result.intent = values.bookkeeping.intent;
  result.handoff = values.bookkeeping.handoff;
  result.durationMs = performance.now() - started;
  return result;
}
