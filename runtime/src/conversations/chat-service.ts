import type { Database } from "../db/database.ts";
import { AppError } from "../errors.ts";
import type { FlowRuntime } from "../flows/flow-runtime.ts";
import type { Chat } from "./chat.table.ts";
import { createChat, findChatById, listChats, renameChat } from "./chats.repository.ts";
import type { ConversationEvent } from "./conversation-events.ts";
import {
  closeHandoff,
  findHandoffState,
  findOpenHandoff,
  type HandoffState,
} from "./handoffs.repository.ts";
import { type HistoryMessage, listMessages } from "./messages.repository.ts";
import type { RateLimiter } from "./rate-limiter.ts";
import { type ChatSession, listSessions, resetSession } from "./sessions.repository.ts";
import { shuttingDown, type TurnRunner } from "./turn-runner.ts";
import type { OnCommit, StoredTurn } from "./turn-store.ts";

/** A page of a list: at most `limit` items, before a cursor. */
export interface Page<Cursor> {
  limit?: number;
  before?: Cursor;
}

/** A user's message, as a channel hands it over: no wire format, the user already verified. */
export interface UserMessage {
  /** The user the channel verified; their chat only (another's reads as missing). */
  userId: string;
  /** The channel a new chat is opened on ("web", "whatsapp", …). */
  channel: string;
  text: string;
  /** Absent: a new chat, titled with the start of the message. */
  chatId?: string;
  /** A session the client names, which must be one of the chat's. */
  sessionId?: string;
  /** The flow a new chat (or the chat's next session) talks to; default: the configured one. */
  flow?: string;
  /** The channel's id of the message (e.g. WhatsApp's wamid). */
  channelMessageId?: string;
  /** Writes the channel's outgoing messages in the commit that stores the turn. */
  onCommit?: OnCommit;
}

/**
 * Users' chats: their messages run as turns of the chat's flow (through the turn runner), their
 * history, titles and resets. Transport-free: channels hand over a `UserMessage` and map the
 * conversation events to their wire format.
 */
export interface ChatService {
  /**
   * Runs a user's message as one turn of its chat (a new chat without `chatId`), rate limited
   * per user. Never throws: a failure is a `turn_failed` event, and the result is undefined.
   */
  sendMessage(
    message: UserMessage,
    onEvent: (event: ConversationEvent) => void,
  ): Promise<StoredTurn | undefined>;
  listChats(userId: string, page?: Page<string>): Promise<Chat[]>;
  /** @param userId when given, the chat must be this user's (else `not_found`). */
  listMessages(chatId: string, userId?: string, page?: Page<number>): Promise<HistoryMessage[]>;
  /** Where the customer stands with the chat's people (for a page that reloads). */
  handoffState(chatId: string, userId?: string): Promise<HandoffState>;
  listSessions(chatId: string, userId?: string): Promise<ChatSession[]>;
  renameChat(chatId: string, title: string, userId?: string): Promise<Chat>;
  /** Ends the chat's session (and closes an open handoff): the next message starts afresh. */
  resetChat(chatId: string, userId?: string): Promise<void>;
}

export interface ChatServiceOptions {
  database: Database;
  flows: FlowRuntime;
  turns: TurnRunner;
  rateLimiter: RateLimiter;
  /** The flow of a new chat whose client names none. */
  defaultFlow: string;
}

const TITLE_LENGTH = 60;

/** @example const chats = createChatService({ database, flows, turns, rateLimiter, defaultFlow: "support" }); */
export function createChatService({
  database,
  flows,
  turns,
  rateLimiter,
  defaultFlow,
}: ChatServiceOptions): ChatService {
  const { db } = database;

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

  /** Opens a new chat for a message, once the message is known to be accepted. */
  const openChat = async (message: UserMessage): Promise<string> => {
    await flows.assertPublished(message.flow ?? defaultFlow);
    takeAllowance(message.userId);
    const chat = await createChat(db, {
      userId: message.userId,
      channel: message.channel,
      title: message.text.trim().slice(0, TITLE_LENGTH),
    });
    return chat.id;
  };

  return {
    async sendMessage(message, onEvent) {
      let chatId: string;
      try {
        if (turns.draining) throw shuttingDown();
        // A named chat's turn claims the chat's lock before anything is awaited, so a chat's
        // turns keep the order they arrived in.
        if (message.chatId === undefined) chatId = await openChat(message);
        else {
          takeAllowance(message.userId);
          chatId = message.chatId;
        }
      } catch (error) {
        onEvent({ type: "turn_failed", error });
        return undefined;
      }
      const input = {
        kind: "user" as const,
        text: message.text,
        flow: message.flow,
        sessionId: message.sessionId,
        channelMessageId: message.channelMessageId,
      };
      return turns
        .run({ chatId, owner: message.userId, input, onCommit: message.onCommit }, onEvent)
        .catch(() => undefined);
    },

    listChats: (userId, page) => listChats(db, userId, page),

    async handoffState(chatId, userId) {
      await ownedChat(chatId, userId);
      return findHandoffState(db, chatId);
    },
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
      await database.withThreadLock(chatId, async () => {
        const handoff = await findOpenHandoff(db, chatId);
        if (handoff) await closeHandoff(db, handoff.id);
        await resetSession(db, chatId);
      });
    },
  };
}
