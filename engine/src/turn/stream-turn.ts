import { HumanMessage } from "@langchain/core/messages";
import { Command } from "@langchain/langgraph";
import type { FlowGraph } from "../compile/compile-flow.ts";
import type { UserWait } from "../compile/wrap-node.ts";
import { FlowError } from "../errors.ts";
import type { HandoffWait } from "../nodes/escalate/run.ts";
import type { Bookkeeping, FlowStateValue } from "../state.ts";
import type { TurnEvent, TurnInput, TurnResult } from "./turn-event.ts";

type Wait = UserWait | HandoffWait;

export interface TurnOptions {
  signal?: AbortSignal;
  /** Extra LangChain callbacks (e.g. tracing) for this turn. */
  callbacks?: unknown[];
}

function configFor(threadId: string, options: TurnOptions) {
  return {
    configurable: { thread_id: threadId },
    recursionLimit: 200,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.callbacks ? { callbacks: options.callbacks as never } : {}),
  };
}

/** What the thread is waiting for before this turn, if it is paused. */
async function pendingWait(graph: FlowGraph, config: ReturnType<typeof configFor>) {
  const snapshot = await graph.getState(config);
  const wait = snapshot.tasks.flatMap((task) => task.interrupts)[0]?.value as Wait | undefined;
  return { wait, values: snapshot.values as Partial<FlowStateValue> };
}

function graphInput(wait: Wait | undefined, input: TurnInput) {
  if (wait?.waitingFor === "agent") return new Command({ resume: input });
  if (input.kind !== "user") {
    throw new FlowError(
      "turn_rejected",
      `No human agent holds this conversation, so '${input.kind}' cannot be applied; only user messages are accepted now.`,
    );
  }
  if (wait) return new Command({ resume: input });
  return { messages: [new HumanMessage(input.text)], bookkeeping: { replied: false, route: null } };
}

/**
 * Runs one turn of a conversation: resumes the paused thread (or starts it at the entry node)
 * with the input, yields every event as it happens, and returns the turn's outcome.
 *
 * @example
 * const turn = streamTurn(graph, "chat-1", { kind: "user", text: "When do you open?" });
 * for (let step = await turn.next(); !step.done; step = await turn.next()) console.log(step.value);
 */
export async function* streamTurn(
  graph: FlowGraph,
  threadId: string,
  input: TurnInput,
  options: TurnOptions = {},
): AsyncGenerator<TurnEvent, TurnResult> {
  const started = performance.now();
  const config = configFor(threadId, options);
  const { wait, values } = await pendingWait(graph, config);
  const result: TurnResult = {
    threadId,
    status: "ended",
    replies: [],
    visited: [],
    intent: values.bookkeeping?.intent ?? null,
    vars: { ...values.vars },
    handoff: values.bookkeeping?.handoff ?? null,
    calls: [],
    errors: [],
    durationMs: 0,
  };
  const stream = await graph.stream(graphInput(wait, input), { ...config, streamMode: ["custom", "updates"] });
  for await (const [mode, chunk] of stream as AsyncIterable<[string, unknown]>) {
    if (mode === "custom") {
      const event = chunk as TurnEvent;
      collect(result, event);
      yield event;
      continue;
    }
    for (const [key, update] of Object.entries(chunk as Record<string, unknown>)) {
      if (key === "__interrupt__") {
        const next = (update as { value: Wait }[])[0]?.value;
        result.status = next?.waitingFor === "agent" ? "handoff" : "waiting";
      } else {
        fold(result, update as NodeUpdate);
      }
    }
  }
  result.durationMs = performance.now() - started;
  return result;
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

/** A node's update as the `updates` stream reports it: what the node returned. */
type NodeUpdate = { vars?: Record<string, unknown>; bookkeeping?: Partial<Bookkeeping> } | null;

function fold(result: TurnResult, update: NodeUpdate): void {
  if (!update) return;
  if (update.vars) Object.assign(result.vars, update.vars);
  if (update.bookkeeping?.intent !== undefined) result.intent = update.bookkeeping.intent;
  if (update.bookkeeping?.handoff !== undefined) result.handoff = update.bookkeeping.handoff;
}

/** Runs a turn to its end and returns its outcome. */
export async function runTurn(
  graph: FlowGraph,
  threadId: string,
  input: TurnInput,
  options: TurnOptions = {},
): Promise<TurnResult> {
  const turn = streamTurn(graph, threadId, input, options);
  for (;;) {
    const step = await turn.next();
    if (step.done) return step.value;
  }
}
