import type { KnowledgeBase, KnowledgeFile, KnowledgeSourceFile } from "@switchboard/engine";
import type { KnowledgeItem, StoredKnowledgeBase } from "./knowledge-entry.ts";

/** A base as the engine reads it from its files, to store. */
export function fromEngineBase(base: KnowledgeBase, source: string): StoredKnowledgeBase {
  return {
    id: base.id,
    source,
    entries: base.entries.map((entry) => ({
      id: entry.id,
      question: entry.title,
      answer: entry.text,
      alternates: entry.alternates ?? [],
      tags: entry.tags ?? [],
      source: entry.source,
    })),
  };
}

/** A stored base as the engine indexes it. */
export function toEngineBase(base: StoredKnowledgeBase): KnowledgeBase {
  return {
    id: base.id,
    entries: base.entries.map((entry) => ({
      id: entry.id,
      title: entry.question,
      text: entry.answer,
      ...(entry.alternates.length > 0 ? { alternates: entry.alternates } : {}),
      ...(entry.tags.length > 0 ? { tags: entry.tags } : {}),
      source: entry.source,
    })),
  };
}

/**
 * The base written back as the files it came from, in their formats: entries from a `.json`
 * file as a knowledge file of Q&A entries, sections of a `.md` document as `#` headings and
 * their text (a document has no place for alternates or tags).
 *
 * @example
 * exportKnowledgeFiles(base) // [{ source: "knowledge/faq.json", text: '{\n  "entries": [...' }]
 */
export function exportKnowledgeFiles(base: StoredKnowledgeBase): KnowledgeSourceFile[] {
  const bySource = new Map<string, KnowledgeItem[]>();
  for (const entry of base.entries)
    bySource.set(entry.source, [...(bySource.get(entry.source) ?? []), entry]);
  return [...bySource].map(([source, entries]) => ({
    source,
    text: source.toLowerCase().endsWith(".md") ? markdownFile(entries) : jsonFile(entries),
  }));
}

function jsonFile(entries: KnowledgeItem[]): string {
  const file: KnowledgeFile = {
    entries: entries.map((entry) => ({
      id: entry.id,
      question: entry.question,
      answer: entry.answer,
      ...(entry.alternates.length > 0 ? { alternates: entry.alternates } : {}),
      ...(entry.tags.length > 0 ? { tags: entry.tags } : {}),
    })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function markdownFile(entries: KnowledgeItem[]): string {
  return `${entries.map((entry) => `# ${entry.question}\n\n${entry.answer}\n`).join("\n")}`;
}
