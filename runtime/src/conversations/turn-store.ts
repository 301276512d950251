import type { Kysely } from "kysely";
import type { Database, HeldCheckpoints, Tables } from "../db/index.ts";
import { inTransaction } from "../db/index.ts";
import { AppError } from "../errors.ts";
import { findPublishedVersionNumber } from "../flows/index.ts";
import type { ChatMessage } from "./chat.table.ts";
import type { IdentifiedReply } from "./conversation-events.ts";
import {
  type AgentReply,
  addAgentReply,
  closeHandoff,
  findOpenHandoff,
  type Handoff,
  openHandoff,
  resolveHandoff,
} from "./handoffs.repository.ts";
import { addMessages, findUnansweredChannelMessage } from "./messages.repository.ts";
import { type NewRun, type Run, recordRun } from "./runs.repository.ts";
import { type ChatSession, findLatestSession, findOrStartSession } from "./sessions.repository.ts";
import type { TurnRecording } from "./turn-recording.ts";

/** How a turn enters its chat: the user's message, or a human agent's action in a handoff. */
export type TurnEntry =
  | {
      kind: "user";
      text: string;
      /**
       * The flow a new session starts on (its published version), given the flow of the chat's
       * latest session, if any. An open session goes on with its own flow and version.
       */
      flowFor: (latestFlowId: string | undefined) => string;
      /** The channel's id of the message (e.g. WhatsApp's wamid). */
      channelMessageId?: string;
    }
  | { kind: "agent"; text: string; agent: string }
  | { kind: "handback" }
  | { kind: "close" };

/** What a turn runs on, once it is begun. */
export interface TurnStart {
  /** The user's message id for a user's turn (feedback names it); a fresh id for an agent's. */
  turnId: string;
  /** The LangGraph thread (its id) and the flow version it runs. */
  session: Omit<ChatSession, "active">;
  /**
   * The user's message, stored as the turn begins so a crash never loses it; a turn run again
   * for the same channel message (a recovery) finds it stored and does not store it twice.
   */
  message?: ChatMessage;
  /** The open handoff a human agent's action applies to. */
  handoff?: Handoff;
}

/** What running the flow produced, to store. */
export interface TurnOutcome {
  replies: IdentifiedReply[];
  run: Pick<
    NewRun,
    "status" | "error" | "nodes" | "modelCalls" | "traceUrl" | "recording" | "outcome" | "intent"
  >;
  /** Why the flow handed the chat to a human, when it did. */
  opened?: { reason: string };
}

/** The turn as stored. */
export interface StoredTurn extends TurnStart {
  replies: ChatMessage[];
  run: Run;
  /** The human agent's message, for an agent's turn. */
  agentReply?: AgentReply;
}

/** Writes more in the commit that stores a turn: a channel's outgoing messages (an outbox). */
export type OnCommit = (trx: Kysely<Tables>, turn: StoredTurn) => Promise<void>;

/**
 * Begins a turn: a user's message is stored in the chat's open session (or a new one on the
 * chosen flow's published version), once per channel message; an agent's action finds the open
 * handoff and its session. Call it under the chat's lock.
 *
 * @throws AppError `conflict` when an agent acts on a chat with no open handoff.
 */
export async function beginTurn(
  { db }: Database,
  chatId: string,
  entry: TurnEntry,
): Promise<TurnStart> {
  if (entry.kind !== "user") {
    const handoff = await findOpenHandoff(db, chatId);
    const session = handoff && (await findLatestSession(db, chatId));
    if (!handoff || !session)
      throw new AppError("conflict", `Chat ${chatId} has no open handoff to a human agent.`);
    return { turnId: crypto.randomUUID(), session, handoff };
  }
  return inTransaction(db, async (trx) => {
    const session = await findOrStartSession(trx, chatId, async (latest) => {
      const flowId = entry.flowFor(latest?.flowId);
      const published = await findPublishedVersionNumber(trx, flowId);
      if (published === undefined)
        throw new AppError("not_found", `There is no published flow "${flowId}".`);
      return { flowId, flowVersion: published };
    });
    const stored =
      entry.channelMessageId === undefined
        ? undefined
        : await findUnansweredChannelMessage(trx, chatId, entry.channelMessageId);
    const [message] = stored
      ? [stored]
      : await addMessages(trx, chatId, [
          {
            role: "user",
            content: entry.text,
            sessionId: session.id,
            channelMessageId: entry.channelMessageId,
          },
        ]);
    if (!message) throw new Error("addMessages returned no message");
    return { turnId: message.messageId, session, message };
  });
}

export interface CommitOptions {
  startedAt: Date;
  /** The thread's checkpoints held back during the turn, stored in the same commit. */
  checkpoints?: HeldCheckpoints;
  onCommit?: OnCommit;
}

/**
 * Stores a turn in one commit: the flow's new state, the replies (or the agent's message), the
 * handoff's new state and the run record, with whatever the channel adds. All or nothing: a
 * failure leaves the conversation as the last whole turn left it.
 */
export function commitTurn(
  { db }: Database,
  start: TurnStart,
  entry: TurnEntry,
  { replies, run, opened }: TurnOutcome,
  { startedAt, checkpoints, onCommit }: CommitOptions,
): Promise<StoredTurn> {
  const { session, handoff } = start;
  return inTransaction(db, async (trx) => {
    await checkpoints?.writeIn(trx);
    let agentReply: AgentReply | undefined;
    if (entry.kind === "agent" && handoff)
      agentReply = await addAgentReply(trx, handoff.id, {
        agent: entry.agent,
        content: entry.text,
      });
    const stored =
      entry.kind === "agent"
        ? []
        : await addMessages(
            trx,
            session.chatId,
            replies.map((reply) => ({
              role: reply.author === "agent" ? "agent" : "assistant",
              content: reply.text,
              messageId: reply.messageId,
              nodePath: reply.nodeId,
              sessionId: session.id,
            })),
          );
    if (handoff && entry.kind === "handback") await resolveHandoff(trx, handoff.id);
    if (handoff && entry.kind === "close") await closeHandoff(trx, handoff.id);
    if (opened) await openHandoff(trx, session.chatId, opened.reason);
    const recorded = await recordRun(trx, {
      ...run,
      error: run.error ?? null,
      // Analytics counts users' turns: a human agent's action has no outcome of its own.
      ...(start.message ? {} : { outcome: null, intent: null }),
      ...runOf(start, startedAt),
    });
    const turn: StoredTurn = { ...start, replies: stored, run: recorded, agentReply };
    await onCommit?.(trx, turn);
    return turn;
  });
}

/**
 * Stores the run of a turn that failed, with the flow's state as it stands: the user's message
 * stays, the turn's effects (replies, an agent's message, a handoff's change) are not applied.
 */
export async function recordFailedTurn(
  { db }: Database,
  start: TurnStart,
  {
    startedAt,
    checkpoints,
    error,
    recording,
  }: Omit<CommitOptions, "onCommit"> & { error: unknown; recording?: TurnRecording },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await checkpoints?.writeIn(trx);
    await recordRun(trx, {
      recording,
      status: "failed",
      error: error instanceof Error ? error.message : String(error),
      outcome: start.message ? "failed" : null,
      ...runOf(start, startedAt),
    });
  });
}

/** What a run record says of the turn's thread, the user's message and timing. */
function runOf({ session, message }: TurnStart, startedAt: Date) {
  return {
    messageId: message?.messageId ?? null,
    chatId: session.chatId,
    threadId: session.id,
    flowId: session.flowId,
    flowVersion: session.flowVersion,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
  };
}
