import { Value } from "@sinclair/typebox/value";
import { FlowError } from "../errors.ts";
import type { KnowledgeBase, KnowledgeEntry } from "./knowledge-base.ts";
import { KnowledgeFile } from "./knowledge-file.ts";
import { splitMarkdownSections } from "./markdown-sections.ts";

/** The text of one knowledge file and where it came from, relative to the flow. */
export interface KnowledgeSourceFile {
  source: string;
  text: string;
}

/**
 * Builds a knowledge base from the text of its files: `.json` files of Q&A entries and `.md`
 * documents split into one entry per heading. Pure, so the studio and tests can use it without a
 * file system; see `readKnowledgeFiles` for reading from disk.
 *
 * @throws FlowError `invalid_knowledge`, naming the file and entry, for malformed files, files
 *   without entries and ids used twice.
 * @example
 * loadKnowledgeBase("faq", [{ source: "knowledge/shipping.md", text: "# Returns\nWithin 30 days." }]);
 * // { id: "faq", entries: [{ id: "shipping.md#returns", title: "Returns", text: "Within 30 days.", ... }] }
 */
export function loadKnowledgeBase(
  id: string,
  files: readonly KnowledgeSourceFile[],
): KnowledgeBase {
  const entries: KnowledgeEntry[] = [];
  const sources = new Map<string, string>();
  for (const file of files) {
    const parsed = parseKnowledgeFile(file);
    if (parsed.length === 0) throw invalid(`${file.source} has no entries.`);
    for (const entry of parsed) {
      const first = sources.get(entry.id);
      if (first !== undefined) {
        throw invalid(
          `${file.source}: entry "${entry.id}" has the same id as an entry in ${first}; ids must be unique.`,
        );
      }
      sources.set(entry.id, file.source);
      entries.push(entry);
    }
  }
  return { id, entries };
}

function parseKnowledgeFile(file: KnowledgeSourceFile): KnowledgeEntry[] {
  const name = file.source.split(/[\\/]/).at(-1) ?? file.source;
  const extension = name.includes(".") ? name.slice(name.lastIndexOf(".")).toLowerCase() : "";
  if (extension === ".json") return parseJsonKnowledge(file);
  if (extension === ".md") {
    return splitMarkdownSections(file.text, name.slice(0, -extension.length)).map((section) => ({
      id: `${name}#${section.slug}`,
      title: section.title,
      text: section.text,
      source: file.source,
    }));
  }
  throw invalid(
    `${file.source} is not a knowledge file: use .json (Q&A entries) or .md (a document).`,
  );
}

function parseJsonKnowledge(file: KnowledgeSourceFile): KnowledgeEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(file.text);
  } catch (cause) {
    throw invalid(`${file.source} is not valid JSON: ${(cause as Error).message}`, cause);
  }
  const error = Value.Errors(KnowledgeFile, json).First();
  if (error) {
    throw invalid(`${file.source}${describeLocation(json, error.path)}: ${error.message}.`);
  }
  return (json as KnowledgeFile).entries.map((entry) => ({
    id: entry.id,
    title: entry.question,
    text: entry.answer,
    ...(entry.alternates ? { alternates: entry.alternates } : {}),
    ...(entry.tags ? { tags: entry.tags } : {}),
    source: file.source,
  }));
}

// "/entries/2/answer" → `, entry 3 ("refunds"), answer`: what a person looks for in the file.
function describeLocation(json: unknown, path: string): string {
  const [, index, field] = /^\/entries\/(\d+)(?:\/(.*))?$/.exec(path) ?? [];
  if (index === undefined) return path === "" ? "" : `, ${path.slice(1)}`;
  const entries = (json as { entries: unknown[] }).entries;
  const id = (entries[Number(index)] as { id?: unknown } | null)?.id;
  const name = typeof id === "string" ? ` ("${id}")` : "";
  const where = field ? `, ${field.replaceAll("/", ".")}` : "";
  return `, entry ${Number(index) + 1}${name}${where}`;
}

function invalid(message: string, cause?: unknown): FlowError {
  return new FlowError("invalid_knowledge", message, cause === undefined ? {} : { cause });
}
