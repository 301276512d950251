/** A user's judgement of one turn (the latest, when they changed their mind), for analytics. */
export interface FeedbackTable {
  /** The turn's id: the user's message it answered. */
  messageId: string;
  chatId: string;
  /** As the client sent it, e.g. 1 for thumbs up and -1 for down. */
  score: number;
  comment: string | null;
  createdAt: string;
}
