import type { Reply, TurnEvent, TurnStatus } from "@switchboard/engine";

/** A reply with the id it is stored under, known before it is stored so clients get it at once. */
export type IdentifiedReply = Reply & { messageId: string };

/** Which turn of which chat: the turn id is the user's message id (or a fresh one for an agent). */
export interface TurnIds {
  turnId: string;
  chatId: string;
  sessionId: string;
}

/**
 * What happens during a turn, as the turn runner reports it to its caller: the turn starts, the
 * flow's own events as they happen (nodes, tokens, replies with their ids, model calls, handoffs,
 * errors), then it ends or fails. Channels map these to their wire format; none of it is one.
 */
export type ConversationEvent =
  | ({ type: "turn_started" } & TurnIds)
  | Exclude<TurnEvent, { type: "reply" }>
  | ({ type: "reply" } & IdentifiedReply)
  | ({ type: "turn_ended"; status: TurnStatus; replies: IdentifiedReply[] } & TurnIds)
  | { type: "turn_failed"; turnId?: string; error: unknown };

/**
 * What happens in a chat outside the user's own turn, told to every listener of the chat (its
 * sockets, its phone) through the event hub: a human agent's message, a hand-back or a close
 * with the flow's replies.
 */
export type ChatNotice =
  | { type: "agent_message"; chatId: string; messageId: string; content: string; agent: string }
  | { type: "agent_typing"; chatId: string; agent: string }
  | {
      type: "handed_back" | "closed";
      chatId: string;
      handoffId: string;
      replies: IdentifiedReply[];
    };

/**
 * What the staff's inbox is told, across every chat and channel: a handoff opened, the customer
 * wrote in a handed-off chat, an agent acted. Clients re-read the handoff it names.
 */
export interface InboxNotice {
  type:
    | "handoff_opened"
    | "customer_message"
    | "agent_message"
    | "handed_back"
    | "closed"
    | "assigned"
    | "read"
    | "customer_typing";
  chatId: string;
}

/** The one topic of the inbox's event hub: every staff listener hears every inbox notice. */
export const INBOX_TOPIC = "inbox";
