import type { Language } from "../text/language/language.ts";

/** One retrievable passage: a Q&A entry or a section of a markdown document. */
export interface KnowledgeEntry {
  /** Stable id used in citations, e.g. `refunds` or `shipping.md#returns`. */
  id: string;
  /** The question or section heading. */
  title: string;
  /** The answer or section text. */
  text: string;
  /** Extra phrasings of the question that should retrieve this entry. */
  alternates?: string[];
  /** Labels from the knowledge file; searched like alternates. */
  tags?: string[];
  /** The file it came from, relative to the flow. */
  source: string;
}

export interface KnowledgeBase {
  id: string;
  entries: KnowledgeEntry[];
}

export interface KnowledgeHit {
  entry: KnowledgeEntry;
  /** Relevance normalised to 0–1, comparable with a node's `minScore`. */
  score: number;
}

/** A search index over one knowledge base, built once when the flow is compiled. */
export interface KnowledgeIndex {
  readonly base: KnowledgeBase;
  /** The language the entries are written in and searched in. */
  readonly language: Language;
  search(query: string, limit: number): KnowledgeHit[];
}
