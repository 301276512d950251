import type { Database } from "../db/database.ts";
import { inTransaction } from "../db/in-transaction.ts";
import type { CheckpointHolder, HeldCheckpoints } from "../db/kysely-checkpoint-saver.ts";
import { findPublishedVersionNumber } from "../flows/flows.repository.ts";
import type { ChatMessage } from "./chat.table.ts";
import { addMessages, type NewMessage } from "./messages.repository.ts";
import { type NewRun, type Run, recordRun } from "./runs.repository.ts";
import { type ChatSession, findOrStartSession } from "./sessions.repository.ts";

export interface TurnInput {
  chatId: string;
  /**
   * The flow a new session starts on (its published version), given the flow of the chat's
   * latest session, if any. An open session goes on with its own flow and version.
   */
  flowFor: (latestFlowId: string | undefined) => string;
  content: string;
  channelMessageId?: string;
  /**
   * The checkpoint saver of the graph the turn runs, when it runs one: the thread's checkpoints
   * are held back during the turn and stored in the same commit as its replies and run.
   */
  checkpoints?: CheckpointHolder;
}

/** What the flow runs with: the session gives the LangGraph thread id and the flow version. */
export interface TurnStart {
  session: ChatSession;
  message: ChatMessage;
}

/** What running the flow produced, for the record. */
export interface TurnResult {
  replies: NewMessage[];
  run: Pick<NewRun, "status" | "error" | "nodes" | "modelCalls" | "traceUrl">;
}

export interface TurnRecord extends TurnStart {
  replies: ChatMessage[];
  run: Run;
}

/**
 * One turn of a conversation, persisted: under the chat's lock, the user's message is stored
 * (with the session rolled over if it went stale) before the flow runs, so a crash mid-turn loses
 * no message; then the flow's new state, the replies and the run record are stored together, so
 * a crash mid-turn leaves the conversation where the last whole turn left it. A flow that throws
 * gets a failed run recorded before the error goes on to the caller.
 *
 * @example
 * const turn = { chatId, flowFor: () => "support", content: "Hi", checkpoints: saver };
 * await runTurn(database, turn, async ({ session }) => {
 *   const state = await graph.invoke(input, { configurable: { thread_id: session.id } });
 *   return { replies: toMessages(state), run: { status: "completed", error: null } };
 * });
 */
export function runTurn(
  database: Database,
  input: TurnInput,
  respond: (turn: TurnStart) => Promise<TurnResult>,
): Promise<TurnRecord> {
  return database.withThreadLock(input.chatId, async () => {
    const start = await beginTurn(database, input);
    const startedAt = new Date();
    const held = input.checkpoints?.hold(start.session.id);
    try {
      const result = await respond(start).catch(async (error: unknown) => {
        await finishTurn(database, start, startedAt, held, {
          replies: [],
          run: { status: "failed", error: error instanceof Error ? error.message : String(error) },
        });
        throw error;
      });
      return await finishTurn(database, start, startedAt, held, result);
    } finally {
      held?.release();
    }
  });
}

async function beginTurn(
  { db }: Database,
  { chatId, flowFor, content, channelMessageId }: TurnInput,
): Promise<TurnStart> {
  return inTransaction(db, async (trx) => {
    const session = await findOrStartSession(trx, chatId, async (latest) => {
      const flowId = flowFor(latest?.flowId);
      const published = await findPublishedVersionNumber(trx, flowId);
      if (published === undefined)
        throw new RangeError(`flow ${flowId} has no published version to run`);
      return { flowId, flowVersion: published };
    });
    const [message] = await addMessages(trx, chatId, [
      { role: "user", content, sessionId: session.id, channelMessageId },
    ]);
    if (!message) throw new Error("addMessages returned no message");
    return { session, message };
  });
}

async function finishTurn(
  { db }: Database,
  start: TurnStart,
  startedAt: Date,
  held: HeldCheckpoints | undefined,
  { replies, run }: TurnResult,
): Promise<TurnRecord> {
  const { session } = start;
  return inTransaction(db, async (trx) => {
    await held?.writeIn(trx);
    const stored = await addMessages(
      trx,
      session.chatId,
      replies.map((reply) => ({ ...reply, sessionId: session.id })),
    );
    const recorded = await recordRun(trx, {
      ...run,
      error: run.error ?? null,
      chatId: session.chatId,
      threadId: session.id,
      flowId: session.flowId,
      flowVersion: session.flowVersion,
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
    });
    return { ...start, replies: stored, run: recorded };
  });
}
