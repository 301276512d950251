import type { TurnEvent, TurnStatus } from "@switchboard/engine";
import type { Database } from "../db/database.ts";
import { KeyedMutex } from "../db/thread-lock.ts";
import { AppError, errorEvent } from "../errors.ts";
import type { FlowRuntime } from "../flows/flow-runtime.ts";
import { type HandoffAction, runHandoffAction } from "../handoffs/handoff-turns.ts";
import {
  type AgentReply,
  closeHandoff,
  findOpenHandoff,
  openHandoff,
} from "../handoffs/handoffs.repository.ts";
import { type Tracing, tracingOff } from "../tracing/tracing.ts";
import type { ChatRequest } from "../web-chat/chat-request.ts";
import type { ReplyPayload, ServerEvent } from "../web-chat/server-event.ts";
import type { Chat, ChatMessage } from "./chat.table.ts";
import { createChat, findChatById, listChats, renameChat } from "./chats.repository.ts";
import type { EventHub } from "./event-hub.ts";
import { listMessages } from "./messages.repository.ts";
import type { RateLimiter } from "./rate-limiter.ts";
import { runSessionTurn } from "./session-turn.ts";
import {
  type ChatSession,
  isSessionOfChat,
  listSessions,
  resetSession,
} from "./sessions.repository.ts";
import { createTurnRecorder, type IdentifiedReply } from "./turn-recorder.ts";
import { runTurn as persistTurn, type TurnInput } from "./turn-runner.ts";

/** A page of a list: at most `limit` items, before a cursor. */
export interface Page<Cursor> {
  limit?: number;
  before?: Cursor;
}

/**
 * Conversations: a user's messages run through their chat's flow, the chats' history, and a
 * human agent's actions in a handed-off chat. Transport-free: events go to a `send` callback
 * (the user's socket) or to the event hub (every socket of the chat).
 */
export interface ChatService {
  /**
   * Runs a user's message as one turn of its chat (a new chat without `chat_id`), sending
   * `start`, the turn's events and `end` — or an `error` event — through `send`. Turns of one
   * chat run one after another in the order they arrive. Never throws.
   */
  sendMessage(request: ChatRequest, send: (event: ServerEvent) => void): Promise<void>;
  listChats(userId: string, page?: Page<string>): Promise<Chat[]>;
  /** @param userId when given, the chat must be this user's (else `not_found`). */
  listMessages(chatId: string, userId?: string, page?: Page<number>): Promise<ChatMessage[]>;
  listSessions(chatId: string, userId?: string): Promise<ChatSession[]>;
  renameChat(chatId: string, title: string, userId?: string): Promise<Chat>;
  /** Ends the chat's session (and closes an open handoff): the next message starts afresh. */
  resetChat(chatId: string, userId?: string): Promise<void>;
  /** A human agent's message in a handed-off chat, delivered live to the chat's sockets. */
  agentReply(chatId: string, text: string, agent?: string): Promise<AgentReply>;
  /** Hands the chat back to the bot; the flow's welcome-back replies go to the chat's sockets. */
  handBack(chatId: string): Promise<ReplyPayload[]>;
  /** Closes the handoff and the conversation; the flow's closing replies go to the sockets. */
  closeHandoff(chatId: string): Promise<ReplyPayload[]>;
  /** Refuses new turns, then waits up to `timeoutMs` for running ones; false if some remain. */
  drain(timeoutMs: number): Promise<boolean>;
}

export interface ChatServiceOptions {
  database: Database;
  flows: FlowRuntime;
  events: EventHub;
  rateLimiter: RateLimiter;
  /** The flow of a new chat whose client names none. */
  defaultFlow: string;
  /** Traces every turn; off when left out. */
  tracing?: Tracing;
}

type FlowChoice = TurnInput["flowFor"];

/** Chats started from the WebSocket endpoint. */
const CHANNEL = "web";
const TITLE_LENGTH = 60;

/** @example const chats = createChatService({ database, flows, events, rateLimiter, defaultFlow: "support" }); */
export function createChatService({
  database,
  flows,
  events,
  rateLimiter,
  defaultFlow,
  tracing = tracingOff,
}: ChatServiceOptions): ChatService {
  const { db } = database;
  // Claimed synchronously when a message arrives, so a chat's turns keep their arrival order
  // even though checking the chat takes a query (the database lock alone keeps no order).
  const queue = new KeyedMutex();
  const running = new Set<Promise<unknown>>();
  let draining = false;

  const track = <T>(work: Promise<T>): Promise<T> => {
    running.add(work);
    return work.finally(() => running.delete(work));
  };

  const ownedChat = async (chatId: string, userId: string | undefined): Promise<Chat> => {
    const chat = await findChatById(db, chatId);
    // Another user's chat reads as missing, so ids can't be probed.
    if (!chat || (userId !== undefined && chat.userId !== userId))
      throw new AppError("not_found", `There is no chat "${chatId}" for this user.`);
    return chat;
  };

  const takeAllowance = (userId: string) => {
    const allowance = rateLimiter.take(userId);
    if (!allowance.ok)
      throw new AppError(
        "rate_limited",
        `Too many messages from user ${userId}; try again in ${allowance.retryAfterSeconds} s.`,
      );
  };

  /**
   * Checks an existing chat's message, touching nothing, and says which flow a new session of
   * the chat would run: the one the message names, else the chat's latest, else the default.
   */
  const prepareExisting = async (
    chatId: string,
    request: ChatRequest,
  ): Promise<{ chat: Chat; flowFor: FlowChoice }> => {
    const chat = await ownedChat(chatId, request.user_id);
    if (request.session_id && !(await isSessionOfChat(db, chatId, request.session_id)))
      throw new AppError(
        "not_found",
        `There is no session "${request.session_id}" in chat "${chatId}".`,
      );
    if (request.flow) {
      await flows.assertPublished(request.flow);
      const flowId = request.flow;
      return { chat, flowFor: () => flowId };
    }
    return { chat, flowFor: (latest) => latest ?? defaultFlow };
  };

  const userTurn = async (
    { id: chatId, userId, channel }: Chat,
    flowFor: FlowChoice,
    question: string,
    send: (event: ServerEvent) => void,
  ): Promise<void> => {
    const recorder = createTurnRecorder();
    let messageId: string | undefined;
    let status: TurnStatus = "waiting";
    try {
      const record = await persistTurn(
        database,
        { chatId, flowFor, content: question, checkpoints: flows.checkpoints },
        async ({ session, message }) => {
          messageId = message.messageId;
          const turnId = messageId;
          send({ type: "start", session_id: session.id, chat_id: chatId, message_id: turnId });
          let opened: { reason: string; queue: string } | undefined;
          const onEvent = (event: TurnEvent) => {
            const replyId = recorder.record(event);
            if (event.type === "handoff" && event.handoff.status === "open") opened = event.handoff;
            const out = toServerEvent(event, turnId, chatId, replyId);
            if (out) send(out);
          };
          const turn = await runSessionTurn(
            flows,
            tracing,
            session,
            { turnId, userId, channel, input: { kind: "user", text: question } },
            { onEvent },
          );
          status = turn.status;
          if (opened) await openHandoff(db, chatId, opened.reason);
          return {
            replies: recorder.messages(),
            run: { ...recorder.run(turn.status), traceUrl: tracing.traceUrl(turnId) },
          };
        },
      );
      send({
        type: "end",
        message_id: record.message.messageId,
        session_id: record.session.id,
        chat_id: chatId,
        full_text: recorder.replies.map((reply) => reply.text).join("\n\n"),
        status,
      });
    } catch (error) {
      send(errorEvent(error, messageId));
    }
  };

  const handoffAction = async (chatId: string, action: HandoffAction) => {
    if (draining) throw shuttingDown();
    return track(
      queue.run(chatId, () => runHandoffAction(database, flows, chatId, action, tracing)),
    );
  };

  return {
    sendMessage(request, send) {
      if (draining) {
        send(errorEvent(shuttingDown()));
        return Promise.resolve();
      }
      const chatId = request.chat_id;
      if (chatId) {
        return track(
          queue.run(chatId, async () => {
            let prepared: { chat: Chat; flowFor: FlowChoice };
            try {
              prepared = await prepareExisting(chatId, request);
              takeAllowance(request.user_id);
            } catch (error) {
              send(errorEvent(error));
              return;
            }
            await userTurn(prepared.chat, prepared.flowFor, request.question, send);
          }),
        );
      }
      return track(
        (async () => {
          const flowId = request.flow ?? defaultFlow;
          let chat: Chat;
          try {
            await flows.assertPublished(flowId);
            takeAllowance(request.user_id);
            chat = await createChat(db, {
              userId: request.user_id,
              channel: CHANNEL,
              title: request.question.trim().slice(0, TITLE_LENGTH),
            });
          } catch (error) {
            send(errorEvent(error));
            return;
          }
          await queue.run(chat.id, () => userTurn(chat, () => flowId, request.question, send));
        })(),
      );
    },

    listChats: (userId, page) => listChats(db, userId, page),

    async listMessages(chatId, userId, page) {
      await ownedChat(chatId, userId);
      return listMessages(db, chatId, page);
    },

    async listSessions(chatId, userId) {
      await ownedChat(chatId, userId);
      return listSessions(db, chatId);
    },

    async renameChat(chatId, title, userId) {
      const chat = await ownedChat(chatId, userId);
      await renameChat(db, chatId, title);
      return { ...chat, title };
    },

    async resetChat(chatId, userId) {
      await ownedChat(chatId, userId);
      await queue.run(chatId, () =>
        database.withThreadLock(chatId, async () => {
          const handoff = await findOpenHandoff(db, chatId);
          if (handoff) await closeHandoff(db, handoff.id);
          await resetSession(db, chatId);
        }),
      );
    },

    async agentReply(chatId, text, agent = "agent") {
      const { agentReply } = await handoffAction(chatId, { kind: "agent", text, agent });
      if (!agentReply) throw new Error("the agent's reply was not stored");
      events.publish(chatId, {
        type: "handoff",
        action: "agent_message",
        chat_id: chatId,
        message_id: agentReply.messageId,
        content: agentReply.content,
        agent: agentReply.agent,
      });
      return agentReply;
    },

    async handBack(chatId) {
      const replies = toPayloads((await handoffAction(chatId, { kind: "handback" })).replies);
      events.publish(chatId, { type: "handoff", action: "handed_back", chat_id: chatId, replies });
      return replies;
    },

    async closeHandoff(chatId) {
      const replies = toPayloads((await handoffAction(chatId, { kind: "close" })).replies);
      events.publish(chatId, { type: "handoff", action: "closed", chat_id: chatId, replies });
      return replies;
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

function shuttingDown(): AppError {
  return new AppError("shutting_down", "The server is shutting down; reconnect in a moment.");
}

function toPayloads(replies: IdentifiedReply[]): ReplyPayload[] {
  return replies.map((reply) => ({
    message_id: reply.messageId,
    content: reply.text,
    ...(reply.quickReplies ? { quick_replies: reply.quickReplies } : {}),
  }));
}

/** The protocol event for an engine event of a user's turn, if the client sees it. */
function toServerEvent(
  event: TurnEvent,
  messageId: string,
  chatId: string,
  replyId: string | undefined,
): ServerEvent | undefined {
  switch (event.type) {
    case "token":
      return { type: "token", message_id: messageId, node_id: event.nodeId, delta: event.delta };
    case "node_start":
      return {
        type: "node",
        message_id: messageId,
        node_id: event.nodeId,
        node_type: event.nodeType,
      };
    case "reply":
      return {
        type: "agent_response",
        message_id: messageId,
        content: event.text,
        reply_id: replyId ?? "",
        author: event.author,
        ...(event.quickReplies ? { quick_replies: event.quickReplies } : {}),
      };
    case "handoff":
      return event.handoff.status === "open"
        ? {
            type: "handoff",
            action: "opened",
            chat_id: chatId,
            reason: event.handoff.reason,
            queue: event.handoff.queue,
          }
        : undefined;
    default:
      return undefined;
  }
}
