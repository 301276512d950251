import { findChatById } from "../conversations/chats.repository.ts";
import { addMessages } from "../conversations/messages.repository.ts";
import { recordRun } from "../conversations/runs.repository.ts";
import { runSessionTurn } from "../conversations/session-turn.ts";
import { findLatestSession } from "../conversations/sessions.repository.ts";
import { createTurnRecorder, type IdentifiedReply } from "../conversations/turn-recorder.ts";
import type { Database } from "../db/database.ts";
import { inTransaction } from "../db/in-transaction.ts";
import { AppError } from "../errors.ts";
import type { FlowRuntime } from "../flows/flow-runtime.ts";
import { type Tracing, tracingOff } from "../tracing/tracing.ts";
import {
  type AgentReply,
  addAgentReply,
  closeHandoff,
  findOpenHandoff,
  type Handoff,
  resolveHandoff,
} from "./handoffs.repository.ts";

/** What a human agent does in a handed-off chat. */
export type HandoffAction =
  | { kind: "agent"; text: string; agent: string }
  | { kind: "handback" }
  | { kind: "close" };

export interface HandoffOutcome {
  handoff: Handoff;
  /** The agent's message as stored (for `agent`). */
  agentReply?: AgentReply;
  /** The bot's replies (for `handback` and `close`: the flow's welcome-back or goodbye). */
  replies: IdentifiedReply[];
}

/**
 * Applies a human agent's action to a chat's open handoff: runs it through the flow (which
 * decides what follows a hand-back or a close), then stores the flow's new state, the messages,
 * the handoff's new state and the run together, under the chat's lock so it never interleaves
 * with a user's turn.
 *
 * @throws AppError `conflict` when the chat has no open handoff; FlowError `turn_rejected` when
 *   the flow is not waiting for an agent.
 */
export function runHandoffAction(
  database: Database,
  flows: FlowRuntime,
  chatId: string,
  action: HandoffAction,
  tracing: Tracing = tracingOff,
): Promise<HandoffOutcome> {
  return database.withThreadLock(chatId, async () => {
    const { db } = database;
    const handoff = await findOpenHandoff(db, chatId);
    const session = handoff && (await findLatestSession(db, chatId));
    if (!handoff || !session)
      throw new AppError("conflict", `Chat ${chatId} has no open handoff to a human agent.`);
    const recorder = createTurnRecorder();
    const startedAt = new Date();
    // The trace names the chat's user and channel, looked up only when there is a trace.
    const chat = tracing.enabled ? await findChatById(db, chatId) : undefined;
    const turnId = crypto.randomUUID();
    const held = flows.checkpoints.hold(session.id);
    try {
      const turn = await runSessionTurn(
        flows,
        tracing,
        session,
        { turnId, userId: chat?.userId, channel: chat?.channel ?? "web", input: action },
        { onEvent: (event) => recorder.record(event) },
      );
      return await inTransaction(db, async (trx) => {
        await held.writeIn(trx);
        let agentReply: AgentReply | undefined;
        if (action.kind === "agent") {
          agentReply = await addAgentReply(trx, handoff.id, {
            agent: action.agent,
            content: action.text,
          });
        } else {
          const messages = recorder
            .messages()
            .map((message) => ({ ...message, sessionId: session.id }));
          await addMessages(trx, chatId, messages);
          await (action.kind === "handback" ? resolveHandoff : closeHandoff)(trx, handoff.id);
        }
        await recordRun(trx, {
          ...recorder.run(turn.status),
          traceUrl: tracing.traceUrl(turnId),
          chatId,
          threadId: session.id,
          flowId: session.flowId,
          flowVersion: session.flowVersion,
          startedAt: startedAt.toISOString(),
          durationMs: Date.now() - startedAt.getTime(),
        });
        const replies = action.kind === "agent" ? [] : recorder.replies;
        return { handoff, agentReply, replies };
      });
    } finally {
      held.release();
    }
  });
}
