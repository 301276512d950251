import { posix } from "node:path";
import type { Static } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { loadKnowledgeBase, slugify } from "@switchboard/engine";
import Papa from "papaparse";
import { AppError } from "../errors.ts";
import type { KnowledgeItem, StoredKnowledgeBase } from "./knowledge-entry.ts";
import { KNOWLEDGE_LIMITS as LIMITS } from "./knowledge-limits.ts";
import { type ImportRequest, KnowledgeEntryInput } from "./knowledge-schemas.ts";

export type EntryInput = Static<typeof KnowledgeEntryInput>;

/** What an import would do to a base: shown before it is applied, and what applying stores. */
export interface ImportPlan {
  added: KnowledgeItem[];
  changed: { before: KnowledgeItem; after: KnowledgeItem; fields: string[] }[];
  unchanged: number;
  /** The base as it is after the import. */
  result: StoredKnowledgeBase;
}

// The columns a CSV row may have; lists in a cell are separated by `|`.
const CSV_COLUMNS = ["id", "question", "answer", "alternates", "tags"];
const FIELDS = ["question", "answer", "alternates", "tags"] as const;

/**
 * Plans importing a CSV, JSON knowledge file or Markdown document into the base: entries with
 * an id the base has (or, without an id, the same question) are changed, the others added;
 * entries the import doesn't mention stay.
 *
 * @throws AppError `invalid_request` naming the row or entry at fault, and past the bounds of
 *   `KNOWLEDGE_LIMITS`; FlowError `invalid_knowledge` for a malformed JSON or Markdown file.
 */
export function planImport(base: StoredKnowledgeBase, request: ImportRequest): ImportPlan {
  const incoming = parseImport(base, request);
  if (incoming.length > LIMITS.importEntries)
    throw invalid(
      `The import has ${incoming.length} entries; at most ${LIMITS.importEntries} are imported at once.`,
    );
  const entries = [...base.entries];
  const plan: ImportPlan = { added: [], changed: [], unchanged: 0, result: { ...base, entries } };
  const seen = new Set<string>();
  for (const [index, item] of incoming.entries()) {
    const at = item.id
      ? entries.findIndex((entry) => entry.id === item.id)
      : entries.findIndex((entry) => sameQuestion(entry.question, item.question));
    const before = entries[at];
    if (before) {
      if (seen.has(before.id))
        throw invalid(`Entry ${index + 1} ("${item.question}") repeats entry "${before.id}".`);
      seen.add(before.id);
      const after: KnowledgeItem = { ...before, ...withoutId(item) };
      const fields = FIELDS.filter(
        (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
      );
      if (fields.length === 0) plan.unchanged++;
      else {
        entries[at] = after;
        plan.changed.push({ before, after, fields });
      }
      continue;
    }
    const added: KnowledgeItem = {
      ...withoutId(item),
      id: item.id ?? newEntryId(item.question, entries),
      source: item.source ?? jsonSourceOf(base),
    };
    seen.add(added.id);
    entries.push(added);
    plan.added.push(added);
  }
  checkBaseSize(entries.length);
  return plan;
}

/**
 * An entry written in the editor, checked: an id made from its question when it has none, and
 * the file it exports to.
 */
export function newEntry(base: StoredKnowledgeBase, input: EntryInput): KnowledgeItem {
  checkBaseSize(base.entries.length + 1);
  const id = input.id ?? newEntryId(input.question, base.entries);
  if (base.entries.some((entry) => entry.id === id))
    throw new AppError("conflict", `The base "${base.id}" has an entry "${id}" already.`);
  return { ...input, id, source: jsonSourceOf(base) };
}

/** Where entries written in the studio go: the base's JSON file, else one named for it. */
function jsonSourceOf(base: StoredKnowledgeBase): string {
  if (base.source.toLowerCase().endsWith(".json")) return base.source;
  const json = base.entries.find((entry) => entry.source.toLowerCase().endsWith(".json"));
  return json?.source ?? posix.join(folderOf(base), `${base.id}.json`);
}

function folderOf(base: StoredKnowledgeBase): string {
  return /\.(?:json|md)$/i.test(base.source) ? posix.dirname(base.source) : base.source;
}

type Incoming = EntryInput & { source?: string };

function parseImport(base: StoredKnowledgeBase, { format, text, name }: ImportRequest): Incoming[] {
  if (format === "csv") return checked(parseCsv(text));
  // The engine reads these formats from files: the same rules, the same messages.
  const source =
    format === "markdown"
      ? posix.join(folderOf(base), name ?? `${base.id}.md`)
      : (name ?? "import.json");
  const parsed = loadKnowledgeBase(base.id, [{ source, text }]).entries;
  const items = checked(
    parsed.map((entry) => ({
      id: entry.id,
      question: entry.title,
      answer: entry.text,
      alternates: entry.alternates ?? [],
      tags: entry.tags ?? [],
    })),
  );
  // A document's sections export back to it.
  return format === "markdown" ? items.map((item) => ({ ...item, source })) : items;
}

function parseCsv(text: string): unknown[] {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (header) => header.trim().toLowerCase(),
  });
  const error = parsed.errors[0];
  // A row's number as a spreadsheet shows it: the header is row 1.
  if (error) throw invalid(`CSV row ${(error.row ?? 0) + 2}: ${error.message}.`);
  const columns = parsed.meta.fields ?? [];
  const missing = ["question", "answer"].filter((column) => !columns.includes(column));
  if (missing.length > 0)
    throw invalid(
      `The CSV needs a header row with the columns ${CSV_COLUMNS.join(", ")} (question and answer required); it has no ${missing.join(" or ")} column.`,
    );
  return parsed.data.map((row) => ({
    ...(row.id?.trim() ? { id: row.id.trim() } : {}),
    question: row.question?.trim() ?? "",
    answer: row.answer?.trim() ?? "",
    alternates: listCell(row.alternates),
    tags: listCell(row.tags),
  }));
}

function listCell(cell: string | undefined): string[] {
  return (cell ?? "")
    .split("|")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

/** Each entry against the entry schema, named by its place and question when it fails. */
function checked(items: unknown[]): Incoming[] {
  for (const [index, item] of items.entries()) {
    const error = Value.Errors(KnowledgeEntryInput, item).First();
    if (error) {
      const question = (item as { question?: unknown }).question;
      const named = typeof question === "string" && question ? ` ("${question.slice(0, 60)}")` : "";
      const field = error.path.slice(1).replaceAll("/", ".") || "entry";
      throw invalid(`Entry ${index + 1}${named}, ${field}: ${error.message}.`);
    }
  }
  return items as Incoming[];
}

function checkBaseSize(count: number): void {
  if (count > LIMITS.baseEntries)
    throw invalid(
      `A knowledge base holds at most ${LIMITS.baseEntries} entries; this would make ${count}.`,
    );
}

function newEntryId(question: string, entries: readonly KnowledgeItem[]): string {
  const base = slugify(question).slice(0, 60).replace(/-+$/, "") || "entry";
  let id = base;
  for (let count = 2; entries.some((entry) => entry.id === id); count++) id = `${base}-${count}`;
  return id;
}

function sameQuestion(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function withoutId({ id: _, source: __, ...item }: Incoming) {
  return item;
}

function invalid(message: string): AppError {
  return new AppError("invalid_request", message);
}
