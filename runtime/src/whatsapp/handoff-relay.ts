import type { ChatNotice, EventHub } from "../conversations/index.ts";
import type { OutgoingReply } from "./to-graph-messages.ts";
import type { WhatsAppChannel } from "./whatsapp-channel.ts";

/** Relays what happens in WhatsApp chats outside a user's turn to their phones. */
export interface HandoffRelay {
  /** Starts following a chat's events; following it again changes nothing. */
  watch(chatId: string): void;
  /** Stops following every chat. */
  stop(): void;
}

/**
 * Follows WhatsApp chats on the event hub and sends a human agent's messages, and the flow's
 * replies to a hand-back or a close, to the chat's phone, in the order they were published.
 *
 * @example
 * const relay = relayHandoffs(services.events, channel);
 * relay.watch(chatId);
 */
export function relayHandoffs(events: EventHub, channel: WhatsAppChannel): HandoffRelay {
  const subscriptions = new Map<string, () => void>();
  // Each chat's deliveries one after another, so two quick agent messages keep their order.
  const tails = new Map<string, Promise<unknown>>();

  const relay = (chatId: string, event: ChatNotice) => {
    const replies = repliesOf(event);
    if (replies.length === 0) return;
    const tail = (tails.get(chatId) ?? Promise.resolve())
      .then(() => channel.deliver(chatId, replies))
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

function repliesOf(notice: ChatNotice): OutgoingReply[] {
  if (notice.type === "agent_message")
    return [{ messageId: notice.messageId, text: notice.content }];
  // WhatsApp shows no one else typing.
  if (notice.type === "agent_typing") return [];
  return notice.replies.map((reply) => ({
    messageId: reply.messageId,
    text: reply.text,
    ...(reply.quickReplies && { quickReplies: reply.quickReplies }),
  }));
}
