import { type FlowGraph, runTurn, type TurnOptions, type TurnResult } from "@switchboard/engine";
import type { Tracing, TurnContext } from "./tracing.ts";

/**
 * Runs one turn of a conversation with its trace: the engine's `runTurn`, with each node's
 * starting state asked for and every event recorded after the caller's own listener has had it;
 * the record is handed over when the turn ends. With tracing off it is `runTurn` itself.
 *
 * @example
 * const result = await runTracedTurn(tracing, graph, session.id, {
 *   turnId: message.messageId, flowId, flowVersion, chatId, userId, channel: "web",
 *   input: { kind: "user", text },
 * }, { onEvent: (event) => send(event) });
 */
export async function runTracedTurn(
  tracing: Tracing,
  graph: FlowGraph,
  threadId: string,
  turn: TurnContext,
  options: TurnOptions = {},
): Promise<TurnResult> {
  if (!tracing.enabled) return runTurn(graph, threadId, turn.input, options);
  const trace = tracing.startTurn(turn);
  try {
    const result = await runTurn(graph, threadId, turn.input, {
      ...options,
      nodeState: true,
      onEvent: (event) => {
        options.onEvent?.(event);
        trace.record(event);
      },
    });
    trace.end(result);
    return result;
  } catch (error) {
    trace.fail(error);
    throw error;
  }
}
