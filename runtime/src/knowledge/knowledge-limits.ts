/** Bounds on what a client may put in a knowledge base, in one request or in all. */
export const KNOWLEDGE_LIMITS = {
  /** Characters of an import's text (about 2 MB). */
  importChars: 2_000_000,
  /** Entries one import may add or change. */
  importEntries: 2_000,
  /** Entries a base may hold. */
  baseEntries: 5_000,
  questionChars: 500,
  answerChars: 10_000,
  alternates: 50,
  tags: 20,
  /** Characters of a question typed to "test a question". */
  testChars: 2_000,
} as const;
