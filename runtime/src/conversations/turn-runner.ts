import {
  type FlowGraph,
  runTurn,
  type TurnEvent,
  type TurnInput,
  type TurnResult,
  type TurnStatus,
} from "@switchboard/engine";
import type { Database } from "../db/index.ts";
import { AppError } from "../errors.ts";
import type { FlowRuntime } from "../flows/index.ts";
import { type Tracing, tracingOff } from "../tracing/index.ts";
import { type ChatOwner, ownsChat } from "./chat-owner.ts";
import { findChatById } from "./chats.repository.ts";
import { type ConversationEvent, INBOX_TOPIC, type InboxNotice } from "./conversation-events.ts";
import type { EventHub } from "./event-hub.ts";
import { ModelAnswerRecorder } from "./model-answer-recorder.ts";
import { isSessionOfChat } from "./sessions.repository.ts";
import { createTurnRecorder } from "./turn-recorder.ts";
import {
  failedOutcome,
  outcomeOf,
  type RecordedHttpResponse,
  type TurnRecording,
} from "./turn-recording.ts";
import {
  beginTurn,
  commitTurn,
  type OnCommit,
  recordFailedTurn,
  type StoredTurn,
  type TurnEntry,
} from "./turn-store.ts";

/** A user's message to their chat. */
interface UserInput {
  kind: "user";
  text: string;
  /** The flow the chat's next session talks to; default: the latest session's, else the server's. */
  flow?: string;
  /** A session the client names, which must be one of the chat's. */
  sessionId?: string;
  /** The channel's id of the message (e.g. WhatsApp's wamid). */
  channelMessageId?: string;
}

/** What a human agent does in a handed-off chat. */
export type HandoffAction =
  | { kind: "agent"; text: string; agent: string }
  | { kind: "handback" }
  | { kind: "close" };

/** One turn of a live chat. */
export interface ChatTurn {
  chatId: string;
  /**
   * The user the caller verified (a channel's authentication, never what a client's message
   * claims): another user's chat, or a chat of another channel, reads as missing. Left out for a
   * human agent or an admin.
   */
  owner?: ChatOwner;
  input: UserInput | HandoffAction;
  /** Writes the channel's outgoing messages (or anything else) in the commit that stores the turn. */
  onCommit?: OnCommit;
  signal?: AbortSignal;
}

/**
 * A turn on a thread that is no chat: the studio's test threads, or a replay's throwaway ones.
 * The caller chooses the graph (any version, the draft included); nothing of it is stored but
 * the graph's own checkpoints.
 */
interface DetachedTurn {
  threadId: string;
  graph: FlowGraph;
  input: TurnInput;
  /** Whether the thread is kept between turns: its turns then take its lock, as a chat's do. */
  kept: boolean;
  signal?: AbortSignal;
}

/**
 * Runs every turn of the server. A chat's turn runs under the chat's lock (one per chat in the
 * process, an advisory lock across replicas on PostgreSQL), in the order turns arrive; it is
 * begun and stored in two transactions with its checkpoint and run record, and reported as
 * conversation events as it happens.
 */
export interface TurnRunner {
  /**
   * Runs one turn of a chat. Every failure is reported as a `turn_failed` event and rejects.
   *
   * @throws AppError `not_found` (no such chat for the owner, session or flow), `conflict` (an
   *   agent's action without an open handoff), `shutting_down`; FlowError from the flow.
   */
  run(turn: ChatTurn, onEvent?: (event: ConversationEvent) => void): Promise<StoredTurn>;
  runDetached(turn: DetachedTurn, onEvent?: (event: TurnEvent) => void): Promise<TurnResult>;
  /** Whether new turns are refused (the server is shutting down). */
  readonly draining: boolean;
  /** Refuses new turns, then waits up to `timeoutMs` for running ones; false if some remain. */
  drain(timeoutMs: number): Promise<boolean>;
}

export interface TurnRunnerOptions {
  database: Database;
  flows: FlowRuntime;
  /** Where a human agent's actions are told to every listener of the chat. */
  events: EventHub;
  /** Where the staff's inbox hears of handoffs opening, customers writing in them, agents acting. */
  inbox?: EventHub<InboxNotice>;
  /** The flow of a chat whose client names none. */
  defaultFlow: string;
  tracing?: Tracing;
}

const ignore = () => {};

/** @example const turns = createTurnRunner({ database, flows, events, defaultFlow: "support" }); */
export function createTurnRunner({
  database,
  flows,
  events,
  inbox,
  defaultFlow,
  tracing = tracingOff,
}: TurnRunnerOptions): TurnRunner {
  const { db } = database;
  const running = new Set<Promise<unknown>>();
  let draining = false;

  const track = <T>(work: Promise<T>): Promise<T> => {
    running.add(work);
    return work.finally(() => running.delete(work));
  };

  const runLocked = async (
    { chatId, owner, input, onCommit, signal }: ChatTurn,
    onEvent: (event: ConversationEvent) => void,
  ): Promise<StoredTurn> => {
    const chat = await findChatById(db, chatId);
    // Another user's chat reads as missing, so ids can't be probed.
    if (!chat || !ownsChat(owner, chat))
      throw new AppError("not_found", `There is no chat "${chatId}" for this user.`);
    if (input.kind === "user" && input.sessionId)
      if (!(await isSessionOfChat(db, chatId, input.sessionId)))
        throw new AppError(
          "not_found",
          `There is no session "${input.sessionId}" in chat "${chatId}".`,
        );
    if (input.kind === "user" && input.flow) await flows.assertPublished(input.flow);
    const entry = entryOf(input, defaultFlow);
    const start = await beginTurn(database, chatId, entry);
    const { turnId, session } = start;
    const ids = { turnId, chatId, sessionId: session.id };
    onEvent({ type: "turn_started", ...ids });
    const startedAt = new Date();
    const held = flows.checkpoints.hold(session.id);
    try {
      const recorder = createTurnRecorder();
      const flowInput = engineInput(input);
      const answers = new ModelAnswerRecorder();
      const httpResponses: RecordedHttpResponse[] = [];
      const recordingOf = (outcome: TurnRecording["outcome"]): TurnRecording => ({
        input: flowInput,
        outcome,
        modelAnswers: answers.answers,
        httpResponses,
      });
      let opened: { reason: string } | undefined;
      let result: TurnResult;
      // The trace records the turn as it goes and is handed to the export worker at its end.
      const trace = tracing.startTurn({
        turnId,
        chatId,
        flowId: session.flowId,
        flowVersion: session.flowVersion,
        userId: chat.userId,
        channel: chat.channel,
        input: flowInput,
      });
      try {
        const graph = await flows.graph(session.flowId, session.flowVersion);
        result = await flows.httpRecorder.recordInto(httpResponses, () =>
          runTurn(graph, session.id, flowInput, {
            signal,
            nodeState: tracing.enabled,
            callbacks: [answers],
            onEvent: (event) => {
              const messageId = recorder.record(event);
              if (event.type === "handoff" && event.handoff.status === "open")
                opened = { reason: event.handoff.reason };
              onEvent(event.type === "reply" ? { ...event, messageId: messageId ?? "" } : event);
              trace.record(event);
            },
          }),
        );
        trace.end(result);
      } catch (error) {
        trace.fail(error);
        await recordFailedTurn(database, start, {
          startedAt,
          checkpoints: held,
          error,
          recording: recordingOf(failedOutcome(error)),
        });
        throw error;
      }
      const stored = await commitTurn(
        database,
        start,
        entry,
        {
          replies: recorder.replies,
          run: {
            ...recorder.run(result.status),
            traceUrl: trace.url,
            recording: recordingOf(outcomeOf(result)),
          },
          opened,
        },
        { startedAt, checkpoints: held, onCommit },
      );
      if (stored.agentReply)
        events.publish(chatId, {
          type: "agent_message",
          chatId,
          messageId: stored.agentReply.messageId,
          content: stored.agentReply.content,
          agent: stored.agentReply.agent,
        });
      else if ((input.kind === "handback" || input.kind === "close") && start.handoff)
        events.publish(chatId, {
          type: input.kind === "handback" ? "handed_back" : "closed",
          chatId,
          handoffId: start.handoff.id,
          replies: recorder.replies,
        });
      const change = inboxChange(input, result.status, opened !== undefined);
      if (change) inbox?.publish(INBOX_TOPIC, { type: change, chatId });
      onEvent({ type: "turn_ended", ...ids, status: result.status, replies: recorder.replies });
      return stored;
    } finally {
      held.release();
    }
  };

  return {
    run(turn, onEvent = ignore) {
      let turnId: string | undefined;
      const report = (event: ConversationEvent) => {
        if (event.type === "turn_started") turnId = event.turnId;
        onEvent(event);
      };
      const work = draining
        ? Promise.reject(shuttingDown())
        : track(database.withThreadLock(turn.chatId, () => runLocked(turn, report)));
      return work.catch((error: unknown) => {
        onEvent({ type: "turn_failed", turnId, error });
        throw error;
      });
    },

    runDetached({ threadId, graph, input, kept, signal }, onEvent) {
      if (draining) return Promise.reject(shuttingDown());
      const play = () => runTurn(graph, threadId, input, { onEvent, signal });
      return track(kept ? database.withThreadLock(threadId, play) : play());
    },

    get draining() {
      return draining;
    },

    async drain(timeoutMs) {
      draining = true;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      // Turns that arrive while waiting queue behind running ones, so wait until none is left.
      const settled = (async () => {
        while (running.size > 0) await Promise.allSettled([...running]);
        return true as const;
      })();
      const done = await Promise.race([settled, timeout]);
      clearTimeout(timer);
      return done;
    },
  };
}

/** What a turn changes in the staff's inbox, if anything: only handed-off chats are there. */
function inboxChange(
  input: UserInput | HandoffAction,
  status: TurnStatus,
  opened: boolean,
): InboxNotice["type"] | undefined {
  if (opened) return "handoff_opened";
  switch (input.kind) {
    case "user":
      return status === "handoff" ? "customer_message" : undefined;
    case "agent":
      return "agent_message";
    case "handback":
      return "handed_back";
    case "close":
      return "closed";
  }
}

export function shuttingDown(): AppError {
  return new AppError("shutting_down", "The server is shutting down; reconnect in a moment.");
}

function entryOf(input: UserInput | HandoffAction, defaultFlow: string): TurnEntry {
  if (input.kind !== "user") return input;
  const { flow } = input;
  return {
    kind: "user",
    text: input.text,
    flowFor: flow ? () => flow : (latest) => latest ?? defaultFlow,
    channelMessageId: input.channelMessageId,
  };
}

/** What the flow is given: the user's text, or the agent's action without the agent's name. */
function engineInput(input: UserInput | HandoffAction): TurnInput {
  if (input.kind === "user" || input.kind === "agent")
    return { kind: input.kind, text: input.text };
  return { kind: input.kind };
}
