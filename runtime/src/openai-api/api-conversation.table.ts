/**
 * A conversation as an API client knows it (its own id, e.g. Open WebUI's chat id), and the
 * chat it runs in: such clients resend the whole history and never learn the chat's id.
 */
export interface ApiConversationTable {
  userId: string;
  /** The client's conversation id, unique per user. */
  key: string;
  chatId: string;
  createdAt: string;
}
