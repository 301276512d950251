import type { TurnOptions, TurnResult } from "@switchboard/engine";
import type { FlowRuntime } from "../flows/flow-runtime.ts";
import { runTracedTurn } from "../tracing/run-traced-turn.ts";
import type { Tracing, TurnContext } from "../tracing/tracing.ts";
import type { ChatSessionTable } from "./chat.table.ts";

/** What a turn is besides its session: its id, who speaks, where, and the input. */
export type SessionTurn = Omit<TurnContext, "chatId" | "flowId" | "flowVersion">;

/**
 * Runs one turn of a chat session on the flow version the session runs (its thread), traced
 * when tracing is on.
 *
 * @example
 * const turn = await runSessionTurn(flows, tracing, session, {
 *   turnId, userId, channel: "web", input: { kind: "user", text },
 * }, { onEvent });
 */
export async function runSessionTurn(
  flows: FlowRuntime,
  tracing: Tracing,
  session: Pick<ChatSessionTable, "id" | "chatId" | "flowId" | "flowVersion">,
  turn: SessionTurn,
  options: TurnOptions = {},
): Promise<TurnResult> {
  const { id, chatId, flowId, flowVersion } = session;
  const graph = await flows.graph(flowId, flowVersion);
  return runTracedTurn(tracing, graph, id, { ...turn, chatId, flowId, flowVersion }, options);
}
