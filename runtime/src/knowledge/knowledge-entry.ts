/** An entry as the studio and the API see it. */
export interface KnowledgeItem {
  id: string;
  question: string;
  answer: string;
  alternates: string[];
  tags: string[];
  /** The file it exports to, relative to FLOWS_DIR. */
  source: string;
}

/** A knowledge base of a flow version, with its entries in order. */
export interface StoredKnowledgeBase {
  id: string;
  /** The file or folder in FLOWS_DIR it was imported from and exports back to. */
  source: string;
  entries: KnowledgeItem[];
}

/** Which copy of a flow's knowledge: a saved version's (pinned) or the draft's. */
export type KnowledgeVersion = number | "draft";
