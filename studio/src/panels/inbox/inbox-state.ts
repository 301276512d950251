import type { TranscriptMessage } from "../../runs/conversation-transcript.ts";

/** An open handoff as the inbox lists it. */
export interface HandoffItem {
  id: string;
  chatId: string;
  reason: string | null;
  status: "open" | "answered" | "closed";
  openedAt: string | Date;
  answeredAt: string | Date | null;
}

/** The inbox's state, kept while other tabs are shown. */
export interface InboxState {
  listing:
    | { state: "idle" | "loading" }
    | { state: "failed"; message: string }
    | { state: "ready"; handoffs: HandoffItem[] };
  opened:
    | null
    | { handoff: HandoffItem; state: "loading" }
    | { handoff: HandoffItem; state: "failed"; message: string }
    | { handoff: HandoffItem; state: "ready"; messages: TranscriptMessage[] };
  /** What the last hand-back or close did, to say so. */
  notice?: string;
  /** The agent's name on replies, remembered between them. */
  agent: string;
}

export const INITIAL_INBOX: InboxState = { listing: { state: "idle" }, opened: null, agent: "" };
