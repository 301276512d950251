import type { ChannelService } from "../channels/index.ts";
import { type ChatService, type EventHub, findPreviousAgent } from "../conversations/index.ts";
import type { Database } from "../db/index.ts";
import { chatServiceConversations } from "./chat-service-conversations.ts";
import { createGraphApiClient } from "./graph-api-client.ts";
import { relayHandoffs } from "./handoff-relay.ts";
import { createWhatsAppChannel, type WhatsAppChannel } from "./whatsapp-channel.ts";
import { listContactChats } from "./whatsapp-contacts.repository.ts";
import { readWhatsAppSettings } from "./whatsapp-settings.ts";

/** What `/ready` says of the channel. */
export type WhatsAppStatus =
  | { enabled: true; phoneNumberId: string; graphVersion: string }
  | { enabled: false; detail: string };

/** The WhatsApp channel as the server runs it, or its absence when its settings are missing. */
export interface WhatsAppService {
  readonly status: WhatsAppStatus;
  /** Null when the channel is off. */
  readonly channel: WhatsAppChannel | null;
  /** Follows the WhatsApp chats' handoffs and takes up what the last process left unfinished. */
  start(): Promise<void>;
  /** Refuses new webhooks and waits up to `timeoutMs` for the messages under way. */
  drain(timeoutMs: number): Promise<boolean>;
}

export interface WhatsAppServiceOptions {
  env: Record<string, string | undefined>;
  database: Database;
  chats: ChatService;
  events: EventHub;
  /** Where WhatsApp's new chats go: the bound flow, else `WHATSAPP_FLOW`, else the default. */
  channels: Pick<ChannelService, "flowOf">;
}

/**
 * Builds the channel from `WHATSAPP_*` settings, its conversations on the chat service and its
 * handoff relay on the event hub; off, saying which settings are missing, when they are.
 *
 * @throws WhatsAppSettingsError when an optional setting has a value the channel can't use.
 * @example
 * const whatsapp = createWhatsAppService({ env: process.env, database, chats, events, channels });
 * await whatsapp.start();
 */
export function createWhatsAppService({
  env,
  database,
  chats,
  events,
  channels,
}: WhatsAppServiceOptions): WhatsAppService {
  const read = readWhatsAppSettings(env);
  if (!read.enabled)
    return {
      status: { enabled: false, detail: `off: ${read.missing.join(", ")} not set` },
      channel: null,
      start: async () => {},
      drain: async () => true,
    };

  const { settings } = read;
  const channel = createWhatsAppChannel({
    database,
    settings,
    graph: createGraphApiClient({
      baseUrl: settings.graphBaseUrl,
      version: settings.graphVersion,
      phoneNumberId: settings.phoneNumberId,
      accessToken: settings.accessToken,
    }),
    conversations: chatServiceConversations({
      database,
      chats,
      flow: () => channels.flowOf("whatsapp"),
    }),
    // Called only once turns run, by when `relay` exists.
    onChat: (chatId) => relay.watch(chatId),
  });
  const relay = relayHandoffs({
    events,
    channel,
    stateTexts: settings.stateTexts,
    previousAgent: (messageId) => findPreviousAgent(database.db, messageId),
  });

  return {
    status: {
      enabled: true,
      phoneNumberId: settings.phoneNumberId,
      graphVersion: settings.graphVersion,
    },
    channel,
    async start() {
      for (const chatId of await listContactChats(database.db)) relay.watch(chatId);
      const recovered = await channel.recover();
      if (recovered.incoming + recovered.outgoing > 0)
        console.log(
          `WhatsApp: taking up ${recovered.incoming} unprocessed message(s) and ${recovered.outgoing} unsent reply message(s) from before the restart.`,
        );
    },
    async drain(timeoutMs) {
      const drained = await channel.drain(timeoutMs);
      relay.stop();
      return drained;
    },
  };
}
