import type { Chat } from "./chat.table.ts";

/**
 * Whose chats a verified caller may reach: a user's on one channel (a web identity never reaches
 * a WhatsApp chat), or, without a channel, a user's on every channel (an admin's view).
 */
export interface ChatOwner {
  userId: string;
  channel?: string;
}

/** Whether the chat is the owner's; undefined (an admin or a human agent) owns every chat. */
export function ownsChat(owner: ChatOwner | undefined, chat: Chat): boolean {
  if (owner === undefined) return true;
  return (
    chat.userId === owner.userId && (owner.channel === undefined || chat.channel === owner.channel)
  );
}
