import type { FigureLink } from "../../analytics/figure-link.ts";
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
  /** The conversations behind a figure of the analytics screen, when opened from one. */
  figure: FigureLink | null;
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

const INITIAL_CONVERSATIONS: ConversationsState = {
  filter: { channel: "", userId: "", flow: "this", figure: null },
  listing: { state: "idle" },
  opened: null,
};

/** The panel as a link from the analytics screen opens it: on the figure's conversations. */
export function conversationsOf(figure: FigureLink | undefined): ConversationsState {
  if (!figure) return INITIAL_CONVERSATIONS;
  return {
    ...INITIAL_CONVERSATIONS,
    filter: { ...INITIAL_CONVERSATIONS.filter, flow: figure.anyFlow ? "any" : "this", figure },
  };
}
