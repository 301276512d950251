import type { Database } from "../db/index.ts";
import { AppError } from "../errors.ts";
import type { FlowRuntime } from "../flows/index.ts";
import type { Feedback } from "../tracing/index.ts";
import type { Chat } from "./chat.table.ts";
import { type ChatOwner, ownsChat } from "./chat-owner.ts";
import { createChat, findChatById, listChats, renameChat } from "./chats.repository.ts";
import type { ConversationEvent } from "./conversation-events.ts";
import { saveFeedback } from "./feedback.repository.ts";
import {
  closeHandoff,
  findHandoffState,
  findOpenHandoff,
  type HandoffState,
} from "./handoffs.repository.ts";
import { findMessageChatId, type HistoryMessage, listMessages } from "./messages.repository.ts";
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
   * Runs a user's message as one turn of its chat (a new chat without `chatId`); the channel
   * bounds and rate limits what its clients send. Never throws: a failure is a `turn_failed` event, and the result is undefined.
   */
  sendMessage(
    message: UserMessage,
    onEvent: (event: ConversationEvent) => void,
  ): Promise<StoredTurn | undefined>;
  /** The owner's chats (on the owner's channel, when it names one). */
  listChats(owner: ChatOwner, page?: Page<string>): Promise<Chat[]>;
  /** @param owner when given, the chat must be the owner's (else `not_found`). */
  listMessages(chatId: string, owner?: ChatOwner, page?: Page<number>): Promise<HistoryMessage[]>;
  /** Where the customer stands with the chat's people (for a page that reloads). */
  handoffState(chatId: string, owner?: ChatOwner): Promise<HandoffState>;
  listSessions(chatId: string, owner?: ChatOwner): Promise<ChatSession[]>;
  renameChat(chatId: string, title: string, owner?: ChatOwner): Promise<Chat>;
  /** Ends the chat's session (and closes an open handoff): the next message starts afresh. */
  resetChat(chatId: string, owner?: ChatOwner): Promise<void>;
  /**
   * Stores a user's feedback on a turn (a user message's id) taken in one of the owner's chats.
   *
   * @throws AppError `not_found` otherwise, so turn ids can't be probed.
   */
  recordFeedback(turnId: string, feedback: Feedback, owner?: ChatOwner): Promise<void>;
}

export interface ChatServiceOptions {
  database: Database;
  flows: FlowRuntime;
  turns: TurnRunner;
  /** The flow of a new chat whose client names none. */
  defaultFlow: string;
}

const TITLE_LENGTH = 60;

/** @example const chats = createChatService({ database, flows, turns, defaultFlow: "support" }); */
export function createChatService({
  database,
  flows,
  turns,
  defaultFlow,
}: ChatServiceOptions): ChatService {
  const { db } = database;

  const ownedChat = async (chatId: string, owner: ChatOwner | undefined): Promise<Chat> => {
    const chat = await findChatById(db, chatId);
    // Another user's chat reads as missing, so ids can't be probed.
    if (!chat || !ownsChat(owner, chat))
      throw new AppError("not_found", `There is no chat "${chatId}" for this user.`);
    return chat;
  };

  /** Opens a new chat for a message, once the message is known to be accepted. */
  const openChat = async (message: UserMessage): Promise<string> => {
    await flows.assertPublished(message.flow ?? defaultFlow);
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
        chatId = message.chatId ?? (await openChat(message));
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
        .run(
          {
            chatId,
            owner: { userId: message.userId, channel: message.channel },
            input,
            onCommit: message.onCommit,
          },
          onEvent,
        )
        .catch(() => undefined);
    },

    listChats: (owner, page) => listChats(db, owner, page),

    async handoffState(chatId, owner) {
      await ownedChat(chatId, owner);
      return findHandoffState(db, chatId);
    },
    async listMessages(chatId, owner, page) {
      await ownedChat(chatId, owner);
      return listMessages(db, chatId, page);
    },

    async listSessions(chatId, owner) {
      await ownedChat(chatId, owner);
      return listSessions(db, chatId);
    },

    async renameChat(chatId, title, owner) {
      const chat = await ownedChat(chatId, owner);
      await renameChat(db, chatId, title);
      return { ...chat, title };
    },

    async recordFeedback(turnId, { value, comment }, owner) {
      const chatId = await findMessageChatId(db, turnId);
      const chat = chatId === undefined ? undefined : await findChatById(db, chatId);
      if (!chat || !ownsChat(owner, chat))
        throw new AppError("not_found", `There is no turn "${turnId}" in this user's chats.`);
      // One rating of a turn at a time, on every replica: the rollups count a change once.
      await database.withThreadLock(`feedback:${turnId}`, () =>
        saveFeedback(db, {
          messageId: turnId,
          chatId: chat.id,
          score: value,
          comment: comment ?? null,
        }),
      );
    },

    async resetChat(chatId, owner) {
      await ownedChat(chatId, owner);
      await database.withThreadLock(chatId, async () => {
        const handoff = await findOpenHandoff(db, chatId);
        if (handoff) await closeHandoff(db, handoff.id);
        await resetSession(db, chatId);
      });
    },
  };
}
