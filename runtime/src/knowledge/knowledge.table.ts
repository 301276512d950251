/**
 * A knowledge base of one flow version: `version` is the flow version that pins it, or 0 for
 * the draft the studio edits. Saving a flow version copies the draft's bases to it.
 */
export interface KnowledgeBaseTable {
  flowId: string;
  version: number;
  baseId: string;
  /** The file or folder in FLOWS_DIR it was imported from and exports back to. */
  source: string;
  updatedAt: string;
}

/** One entry of a knowledge base: a Q&A entry, or a section of a Markdown document. */
export interface KnowledgeEntryTable {
  flowId: string;
  version: number;
  baseId: string;
  entryId: string;
  /** The entry's place in its base, as in the file it came from. */
  position: number;
  /** The question, or the section's heading. */
  question: string;
  /** The answer, or the section's text (Markdown). */
  answer: string;
  /** JSON array of other phrasings of the question. */
  alternates: string;
  /** JSON array of labels. */
  tags: string;
  /** The file the entry exports to, relative to FLOWS_DIR (`.json` or `.md`). */
  source: string;
}
