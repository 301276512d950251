import type { ChatNotice, EventHub } from "../conversations/index.ts";
import type { OutgoingReply } from "./to-graph-messages.ts";
import type { WhatsAppChannel } from "./whatsapp-channel.ts";
import type { HandoffStateTexts } from "./whatsapp-settings.ts";

/** Relays what happens in WhatsApp chats outside a user's turn to their phones. */
export interface HandoffRelay {
  /** Starts following a chat's events; following it again changes nothing. */
  watch(chatId: string): void;
  /** Stops following every chat. */
  stop(): void;
}

export interface HandoffRelayOptions {
  events: EventHub;
  channel: WhatsAppChannel;
  stateTexts: HandoffStateTexts;
  /** Who wrote the agent's message before this one in its handoff (undefined: none did). */
  previousAgent: (messageId: string) => Promise<string | undefined>;
}

/**
 * Follows WhatsApp chats on the event hub and sends a human agent's messages, and the flow's
 * replies to a hand-back or a close, to the chat's phone, in the order they were published. The
 * phone is told the handoff's state as the web chat shows it: "you are talking to <name>" before
 * the first message of each agent who speaks, "back with the assistant" on a hand-back. Each is an
 * outgoing message like the agent's, with an id made from the event's, so it is queued once.
 *
 * @example
 * const relay = relayHandoffs({ events, channel, stateTexts, previousAgent });
 * relay.watch(chatId);
 */
export function relayHandoffs({
  events,
  channel,
  stateTexts,
  previousAgent,
}: HandoffRelayOptions): HandoffRelay {
  const subscriptions = new Map<string, () => void>();
  // Each chat's deliveries one after another, so two quick agent messages keep their order.
  const tails = new Map<string, Promise<unknown>>();

  const repliesOf = async (notice: ChatNotice): Promise<OutgoingReply[]> => {
    switch (notice.type) {
      // WhatsApp shows no one else typing.
      case "agent_typing":
        return [];
      case "agent_message": {
        const message = { messageId: notice.messageId, text: notice.content };
        if ((await previousAgent(notice.messageId)) === notice.agent) return [message];
        const talkingTo = stateTexts.talkingTo.replaceAll("{agent}", notice.agent);
        return [{ messageId: `${notice.messageId}.talking-to`, text: talkingTo }, message];
      }
      case "handed_back":
      case "closed": {
        const replies = notice.replies.map((reply) => ({
          messageId: reply.messageId,
          text: reply.text,
          ...(reply.quickReplies && { quickReplies: reply.quickReplies }),
        }));
        if (notice.type === "closed") return replies;
        return [{ messageId: `${notice.handoffId}.back`, text: stateTexts.back }, ...replies];
      }
    }
  };

  const relay = (chatId: string, event: ChatNotice) => {
    const tail = (tails.get(chatId) ?? Promise.resolve())
      .then(async () => {
        const replies = await repliesOf(event);
        if (replies.length > 0) await channel.deliver(chatId, replies);
      })
      .catch((error) =>
        console.error(`WhatsApp: relaying a handoff message of chat ${chatId} failed:`, error),
      );
    tails.set(chatId, tail);
    void tail.finally(() => {
      if (tails.get(chatId) === tail) tails.delete(chatId);
    });
  };

  return {
    watch(chatId) {
      if (subscriptions.has(chatId)) return;
      subscriptions.set(
        chatId,
        events.subscribe(chatId, (event) => relay(chatId, event)),
      );
    },
    stop() {
      for (const unsubscribe of subscriptions.values()) unsubscribe();
      subscriptions.clear();
    },
  };
}
