import type { ChatService } from "../conversations/chat-service.ts";
import type { Database } from "../db/database.ts";
import { AppError } from "../errors.ts";
import type { ReplyPayload } from "../web-chat/server-event.ts";
import { type AgentReply, type Handoff, listOpenHandoffs } from "./handoffs.repository.ts";

/**
 * The human agents' side of handoffs, by handoff id. Each action goes through the chat service,
 * which runs it on the chat's flow and delivers it live to the user's sockets.
 */
export interface HandoffInbox {
  /** Handoffs waiting on or being worked by an agent, the oldest first. */
  listOpen(): Promise<Handoff[]>;
  reply(handoffId: string, text: string, agent?: string): Promise<AgentReply>;
  /** The bot takes the conversation back; returns the flow's replies to the user. */
  handBack(handoffId: string): Promise<ReplyPayload[]>;
  close(handoffId: string): Promise<ReplyPayload[]>;
}

/** @example const inbox = createHandoffInbox({ database, chats }); */
export function createHandoffInbox({
  database: { db },
  chats,
}: {
  database: Database;
  chats: ChatService;
}): HandoffInbox {
  // Only open handoffs can be acted on, and there are few of them, so the open list is the lookup.
  const chatOf = async (handoffId: string): Promise<string> => {
    const handoff = (await listOpenHandoffs(db)).find((open) => open.id === handoffId);
    if (!handoff) throw new AppError("not_found", `There is no open handoff "${handoffId}".`);
    return handoff.chatId;
  };

  return {
    listOpen: () => listOpenHandoffs(db),
    reply: async (handoffId, text, agent) => chats.agentReply(await chatOf(handoffId), text, agent),
    handBack: async (handoffId) => chats.handBack(await chatOf(handoffId)),
    close: async (handoffId) => chats.closeHandoff(await chatOf(handoffId)),
  };
}
