/** Open: waiting for a human agent; answered: an agent has replied; closed: done with. */
type HandoffStatus = "open" | "answered" | "closed";

/** Resolved: the agent settled the matter; dismissed: closed without that (spam, user gone). */
type HandoffOutcome = "resolved" | "dismissed";

/** A conversation the flow escalated to a human agent. */
export interface HandoffTable {
  id: string;
  chatId: string;
  reason: string | null;
  status: HandoffStatus;
  outcome: HandoffOutcome | null;
  openedAt: string;
  answeredAt: string | null;
  closedAt: string | null;
  /** The staff member working it (claimed, assigned or transferred); null while unassigned. */
  assigneeId: string | null;
  assigneeName: string | null;
  /** When an agent last read the transcript: customer messages after it are unread. */
  agentReadAt: string | null;
}

/** An agent's reply; its text is the chat message it points to, so the transcript shows it too. */
export interface HandoffReplyTable {
  handoffId: string;
  messageId: string;
  agent: string;
  createdAt: string;
}
