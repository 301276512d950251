import type { TranscriptTurn } from "../../runs/conversation-transcript.ts";

/** A chat as the conversations list shows it. */
export interface ConversationItem {
  id: string;
  userId: string;
  channel: string;
  title: string | null;
  preview: string | null;
  updatedAt: string | Date;
  flowId: string | null;
  flowVersion: number | null;
  handoffOpen: boolean;
}

interface ConversationFilterState {
  channel: string;
  userId: string;
  /** This flow's chats only, or every flow's. */
  flow: "this" | "any";
}

/** The conversations panel's state, kept while other tabs are shown. */
export interface ConversationsState {
  filter: ConversationFilterState;
  listing:
    | { state: "idle" | "loading" }
    | { state: "failed"; message: string }
    | { state: "ready"; conversations: ConversationItem[] };
  opened:
    | null
    | { conversation: ConversationItem; state: "loading" }
    | { conversation: ConversationItem; state: "failed"; message: string }
    | { conversation: ConversationItem; state: "ready"; turns: TranscriptTurn[] };
}

export const INITIAL_CONVERSATIONS: ConversationsState = {
  filter: { channel: "", userId: "", flow: "this" },
  listing: { state: "idle" },
  opened: null,
};
