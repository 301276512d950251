import type { Kysely, Selectable } from "kysely";
import type { Tables } from "../db/index.ts";
import { inTransaction } from "../db/index.ts";
import type { KnowledgeEntryTable } from "./knowledge.table.ts";
import type { KnowledgeItem, KnowledgeVersion, StoredKnowledgeBase } from "./knowledge-entry.ts";

// The draft's copy is stored as version 0: saved versions start at 1.
const DRAFT = 0;
// Rows per insert: 10 columns each stays under SQLite's and PostgreSQL's parameter limits.
const CHUNK = 500;

const versionColumn = (version: KnowledgeVersion) => (version === "draft" ? DRAFT : version);

/** The flow version's knowledge bases, with their entries; `only` limits them to those ids. */
export async function readBases(
  db: Kysely<Tables>,
  flowId: string,
  version: KnowledgeVersion,
  only?: readonly string[],
): Promise<StoredKnowledgeBase[]> {
  if (only?.length === 0) return [];
  let bases = db
    .selectFrom("knowledgeBases")
    .select(["baseId", "source"])
    .where("flowId", "=", flowId)
    .where("version", "=", versionColumn(version));
  if (only) bases = bases.where("baseId", "in", only);
  const found = await bases.orderBy("baseId").execute();
  if (found.length === 0) return [];
  const rows = await db
    .selectFrom("knowledgeEntries")
    .selectAll()
    .where("flowId", "=", flowId)
    .where("version", "=", versionColumn(version))
    .where(
      "baseId",
      "in",
      found.map((base) => base.baseId),
    )
    .orderBy("position")
    .execute();
  return found.map((base) => ({
    id: base.baseId,
    source: base.source,
    entries: rows.filter((row) => row.baseId === base.baseId).map(toItem),
  }));
}

/** Stores the base as the flow version's, replacing its entries. */
export async function writeBase(
  db: Kysely<Tables>,
  flowId: string,
  version: KnowledgeVersion,
  base: StoredKnowledgeBase,
  now = new Date(),
): Promise<void> {
  const at = versionColumn(version);
  await inTransaction(db, async (trx) => {
    for (const table of ["knowledgeEntries", "knowledgeBases"] as const)
      await trx
        .deleteFrom(table)
        .where("flowId", "=", flowId)
        .where("version", "=", at)
        .where("baseId", "=", base.id)
        .execute();
    await trx
      .insertInto("knowledgeBases")
      .values({
        flowId,
        version: at,
        baseId: base.id,
        source: base.source,
        updatedAt: now.toISOString(),
      })
      .execute();
    const rows = base.entries.map((entry, position) => toRow(flowId, at, base.id, position, entry));
    for (let start = 0; start < rows.length; start += CHUNK)
      await trx
        .insertInto("knowledgeEntries")
        .values(rows.slice(start, start + CHUNK))
        .execute();
  });
}

/** Adds the entry to the draft's base, or replaces the entry with its id, in its place. */
export async function putDraftEntry(
  db: Kysely<Tables>,
  flowId: string,
  baseId: string,
  entry: KnowledgeItem,
  now = new Date(),
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const scope = trx
      .selectFrom("knowledgeEntries")
      .where("flowId", "=", flowId)
      .where("version", "=", DRAFT)
      .where("baseId", "=", baseId);
    const existing = await scope
      .select("position")
      .where("entryId", "=", entry.id)
      .executeTakeFirst();
    const { last } = await scope
      .select((eb) => eb.fn.max("position").as("last"))
      .executeTakeFirstOrThrow();
    const position = existing?.position ?? Number(last ?? -1) + 1;
    await deleteEntryRow(trx, flowId, baseId, entry.id);
    await trx
      .insertInto("knowledgeEntries")
      .values(toRow(flowId, DRAFT, baseId, position, entry))
      .execute();
    await touchDraft(trx, flowId, baseId, now);
  });
}

/** Removes an entry from the draft's base; false when it has no such entry. */
export async function deleteDraftEntry(
  db: Kysely<Tables>,
  flowId: string,
  baseId: string,
  entryId: string,
  now = new Date(),
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const deleted = await deleteEntryRow(trx, flowId, baseId, entryId);
    if (deleted) await touchDraft(trx, flowId, baseId, now);
    return deleted;
  });
}

/** Copies the draft's bases (those named) to a saved version, which keeps them as they are. */
export async function pinDraft(
  db: Kysely<Tables>,
  flowId: string,
  version: number,
  baseIds: readonly string[],
): Promise<void> {
  await inTransaction(db, async (trx) => {
    for (const base of await readBases(trx, flowId, "draft", baseIds))
      await writeBase(trx, flowId, version, base);
  });
}

/** Deletes every copy of the flow's knowledge, with the flow. */
export async function deleteFlowKnowledge(db: Kysely<Tables>, flowId: string): Promise<void> {
  await db.deleteFrom("knowledgeEntries").where("flowId", "=", flowId).execute();
  await db.deleteFrom("knowledgeBases").where("flowId", "=", flowId).execute();
}

async function deleteEntryRow(
  db: Kysely<Tables>,
  flowId: string,
  baseId: string,
  entryId: string,
): Promise<boolean> {
  const { numDeletedRows } = await db
    .deleteFrom("knowledgeEntries")
    .where("flowId", "=", flowId)
    .where("version", "=", DRAFT)
    .where("baseId", "=", baseId)
    .where("entryId", "=", entryId)
    .executeTakeFirst();
  return numDeletedRows > 0n;
}

async function touchDraft(db: Kysely<Tables>, flowId: string, baseId: string, now: Date) {
  await db
    .updateTable("knowledgeBases")
    .set({ updatedAt: now.toISOString() })
    .where("flowId", "=", flowId)
    .where("version", "=", DRAFT)
    .where("baseId", "=", baseId)
    .execute();
}

function toRow(
  flowId: string,
  version: number,
  baseId: string,
  position: number,
  entry: KnowledgeItem,
): Selectable<KnowledgeEntryTable> {
  return {
    flowId,
    version,
    baseId,
    entryId: entry.id,
    position,
    question: entry.question,
    answer: entry.answer,
    alternates: JSON.stringify(entry.alternates),
    tags: JSON.stringify(entry.tags),
    source: entry.source,
  };
}

function toItem(row: Selectable<KnowledgeEntryTable>): KnowledgeItem {
  return {
    id: row.entryId,
    question: row.question,
    answer: row.answer,
    alternates: JSON.parse(row.alternates) as string[],
    tags: JSON.parse(row.tags) as string[],
    source: row.source,
  };
}
