/**
 * A WhatsApp channel over a real database and the Graph API stand-in, with scripted
 * conversations in place of the runtime's chat service, for the channel's tests.
 * @module
 */
import { createChat } from "../../../runtime/src/conversations/chats.repository.ts";
import type { Database } from "../../../runtime/src/db/database.ts";
import { createGraphApiClient } from "../../../runtime/src/whatsapp/graph-api-client.ts";
import type { OutgoingReply } from "../../../runtime/src/whatsapp/to-graph-messages.ts";
import { signBody } from "../../../runtime/src/whatsapp/verify-signature.ts";
import {
  createWhatsAppChannel,
  type WhatsAppChannel,
  type WhatsAppChannelOptions,
} from "../../../runtime/src/whatsapp/whatsapp-channel.ts";
import type {
  ConversationTurn,
  WhatsAppConversations,
} from "../../../runtime/src/whatsapp/whatsapp-conversations.ts";
import type { WhatsAppSettings } from "../../../runtime/src/whatsapp/whatsapp-settings.ts";
import type { WhatsAppGraphStandIn } from "../../stand-ins/whatsapp-graph.ts";
import { BUSINESS_PHONE_NUMBER_ID } from "./meta-webhooks.ts";

export const APP_SECRET = "8f5e2c0a1b3d4f6e8a0c2e4f6a8b0d2f";
export const ACCESS_TOKEN = "EAAJB3ZAq8dmABAGHb0ZBfIE";

function testSettings(
  graphUrl: string,
  overrides: Partial<WhatsAppSettings> = {},
): WhatsAppSettings {
  return {
    verifyToken: "verify-me",
    appSecret: APP_SECRET,
    accessToken: ACCESS_TOKEN,
    phoneNumberId: BUSINESS_PHONE_NUMBER_ID,
    graphBaseUrl: graphUrl,
    graphVersion: "v26.0",
    burstMode: "sequential",
    unsupportedReply: "Sorry, I can only read text.",
    resetReply: "Starting afresh.",
    failureReply: "Sorry, something went wrong.",
    stateTexts: {
      waiting: "Waiting for a person…",
      talkingTo: "You are talking to {agent}.",
      back: "Back with the assistant.",
    },
    listButtonLabel: "Options",
    maxConcurrentTurns: 8,
    retryWindowMs: 0,
    ...overrides,
  };
}

/** Conversations that answer with a script, in real chats of the test database. */
export interface ScriptedConversations extends WhatsAppConversations {
  readonly turns: ConversationTurn[];
  readonly resets: string[];
  /** The most turns that ran at once for one phone. */
  readonly maxConcurrentPerPhone: number;
  /** The most turns that ran at once in all. */
  readonly maxConcurrent: number;
}

export function scriptedConversations(
  database: Database,
  answer: (turn: ConversationTurn) => OutgoingReply[] | Promise<OutgoingReply[]> = (turn) => [
    { text: `You said: ${turn.text}` },
  ],
): ScriptedConversations {
  const turns: ConversationTurn[] = [];
  const resets: string[] = [];
  const running = new Map<string, number>();
  let maxConcurrentPerPhone = 0;
  let maxConcurrent = 0;
  let runningAll = 0;
  return {
    turns,
    resets,
    get maxConcurrentPerPhone() {
      return maxConcurrentPerPhone;
    },
    get maxConcurrent() {
      return maxConcurrent;
    },
    async respond(turn) {
      turns.push(turn);
      const now = (running.get(turn.waId) ?? 0) + 1;
      running.set(turn.waId, now);
      maxConcurrentPerPhone = Math.max(maxConcurrentPerPhone, now);
      runningAll += 1;
      maxConcurrent = Math.max(maxConcurrent, runningAll);
      try {
        const chatId =
          turn.chatId ??
          (await createChat(database.db, { userId: turn.userId, channel: "whatsapp" })).id;
        return { chatId, replies: await answer(turn) };
      } finally {
        runningAll -= 1;
        running.set(turn.waId, (running.get(turn.waId) ?? 1) - 1);
      }
    },
    async reset(chatId) {
      resets.push(chatId);
    },
  };
}

export function openChannel(
  database: Database,
  graph: WhatsAppGraphStandIn,
  options: Partial<Omit<WhatsAppChannelOptions, "settings">> & {
    settings?: Partial<WhatsAppSettings>;
  } = {},
): WhatsAppChannel {
  const settings = testSettings(graph.url, options.settings);
  return createWhatsAppChannel({
    database,
    graph: createGraphApiClient({
      baseUrl: settings.graphBaseUrl,
      version: settings.graphVersion,
      phoneNumberId: settings.phoneNumberId,
      accessToken: settings.accessToken,
      retry: { attempts: 3, backoffMs: 1, rateLimitBackoffMs: 2, maxBackoffMs: 10 },
    }),
    conversations: scriptedConversations(database),
    ...options,
    settings,
  });
}

/** Posts a body to the channel as Meta would: raw bytes, signed. */
export function post(channel: WhatsAppChannel, body: object | string) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return channel.receive(new TextEncoder().encode(text), signBody(text, APP_SECRET));
}

/** The texts (or interactive bodies) the stand-in accepted for a phone, in order. */
export function sentTexts(graph: WhatsAppGraphStandIn, to?: string): string[] {
  return graph.messages
    .filter((request) => to === undefined || request.body.to === to)
    .map((request) => {
      const body = request.body as {
        type: string;
        text?: { body: string };
        interactive?: { body: { text: string } };
      };
      return body.type === "text" ? (body.text?.body ?? "") : `[${body.interactive?.body.text}]`;
    });
}
