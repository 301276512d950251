import type { Kysely } from "kysely";
import type { Tables } from "../db/index.ts";
import { inTransaction } from "../db/index.ts";
import type { FlowDefinition } from "./flow.table.ts";

export interface FlowSummary {
  id: string;
  name: string;
  publishedVersion: number | null;
  /** The latest saved version, or null before the first save. */
  latestVersion: number | null;
  hasDraft: boolean;
  updatedAt: string;
}

export interface FlowVersion {
  flowId: string;
  version: number;
  definition: FlowDefinition;
  author: string;
  note: string | null;
  createdAt: string;
}

export interface VersionInput {
  definition: FlowDefinition;
  author: string;
  note?: string;
}

/** Creates a flow with its first version, unpublished. */
export async function createFlow(
  db: Kysely<Tables>,
  { definition, author, note }: VersionInput,
  now = new Date(),
): Promise<FlowVersion> {
  const at = now.toISOString();
  return inTransaction(db, async (trx) => {
    await trx
      .insertInto("flows")
      .values({
        id: definition.id,
        name: definition.name,
        draft: null,
        draftUpdatedAt: null,
        publishedVersion: null,
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    return insertVersion(trx, definition.id, 1, { definition, author, note }, at);
  });
}

/**
 * Saves the definition as the flow's next version, which never changes afterwards, and clears
 * the draft it came from.
 */
export async function saveVersion(
  db: Kysely<Tables>,
  flowId: string,
  input: VersionInput,
  now = new Date(),
): Promise<FlowVersion> {
  const at = now.toISOString();
  return inTransaction(db, async (trx) => {
    const { latest } = await trx
      .selectFrom("flowVersions")
      .select((eb) => eb.fn.max("version").as("latest"))
      .where("flowId", "=", flowId)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("flows")
      .set({ name: input.definition.name, draft: null, draftUpdatedAt: null, updatedAt: at })
      .where("id", "=", flowId)
      .execute();
    return insertVersion(trx, flowId, Number(latest ?? 0) + 1, input, at);
  });
}

/** Keeps the work in progress without making a version of it. */
export async function saveDraft(
  db: Kysely<Tables>,
  flowId: string,
  definition: FlowDefinition,
  now = new Date(),
): Promise<void> {
  const at = now.toISOString();
  await db
    .updateTable("flows")
    .set({ draft: JSON.stringify(definition), draftUpdatedAt: at, updatedAt: at })
    .where("id", "=", flowId)
    .execute();
}

export async function getDraft(
  db: Kysely<Tables>,
  flowId: string,
): Promise<FlowDefinition | undefined> {
  const row = await db
    .selectFrom("flows")
    .select("draft")
    .where("id", "=", flowId)
    .executeTakeFirst();
  return row?.draft ? (JSON.parse(row.draft) as FlowDefinition) : undefined;
}

/** Makes `version` the one new sessions run; conversations already under way keep theirs. */
export async function publishVersion(
  db: Kysely<Tables>,
  flowId: string,
  version: number,
  now = new Date(),
): Promise<void> {
  await inTransaction(db, async (trx) => {
    // Checked here rather than by a foreign key, which can't point at one column of a composite key.
    await trx
      .selectFrom("flowVersions")
      .select("version")
      .where("flowId", "=", flowId)
      .where("version", "=", version)
      .executeTakeFirstOrThrow(() => new RangeError(`flow ${flowId} has no version ${version}`));
    await trx
      .updateTable("flows")
      .set({ publishedVersion: version, updatedAt: now.toISOString() })
      .where("id", "=", flowId)
      .execute();
  });
}

export async function getPublishedVersion(
  db: Kysely<Tables>,
  flowId: string,
): Promise<FlowVersion | undefined> {
  const row = await db
    .selectFrom("flows")
    .innerJoin("flowVersions", (join) =>
      join
        .onRef("flowVersions.flowId", "=", "flows.id")
        .onRef("flowVersions.version", "=", "flows.publishedVersion"),
    )
    .selectAll("flowVersions")
    .where("flows.id", "=", flowId)
    .executeTakeFirst();
  return row && toVersion(row);
}

/**
 * The number of the flow's published version, without reading the version itself: what a turn
 * needs to start a session, read on every message.
 */
export async function findPublishedVersionNumber(
  db: Kysely<Tables>,
  flowId: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom("flows")
    .select("publishedVersion")
    .where("id", "=", flowId)
    .executeTakeFirst();
  return row?.publishedVersion ?? undefined;
}

export async function getVersion(
  db: Kysely<Tables>,
  flowId: string,
  version: number,
): Promise<FlowVersion | undefined> {
  const row = await db
    .selectFrom("flowVersions")
    .selectAll()
    .where("flowId", "=", flowId)
    .where("version", "=", version)
    .executeTakeFirst();
  return row && toVersion(row);
}

/** The flow's versions, the latest first, without their definitions. */
export async function listVersions(
  db: Kysely<Tables>,
  flowId: string,
): Promise<Omit<FlowVersion, "definition">[]> {
  return db
    .selectFrom("flowVersions")
    .select(["flowId", "version", "author", "note", "createdAt"])
    .where("flowId", "=", flowId)
    .orderBy("version", "desc")
    .execute();
}

export async function listFlows(db: Kysely<Tables>): Promise<FlowSummary[]> {
  const rows = await db
    .selectFrom("flows")
    .leftJoin("flowVersions", "flowVersions.flowId", "flows.id")
    .select((eb) => [
      "flows.id",
      "flows.name",
      "flows.publishedVersion",
      "flows.draft",
      "flows.updatedAt",
      eb.fn.max("flowVersions.version").as("latestVersion"),
    ])
    .groupBy(["flows.id", "flows.name", "flows.publishedVersion", "flows.draft", "flows.updatedAt"])
    .orderBy("flows.id")
    .execute();
  return rows.map(({ draft, latestVersion, ...row }) => ({
    ...row,
    latestVersion: latestVersion === null ? null : Number(latestVersion),
    hasDraft: draft !== null,
  }));
}

/** Deletes the flow and all its versions; returns false when there is no such flow. */
export async function deleteFlow(db: Kysely<Tables>, flowId: string): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    await trx.deleteFrom("flowVersions").where("flowId", "=", flowId).execute();
    const { numDeletedRows } = await trx
      .deleteFrom("flows")
      .where("id", "=", flowId)
      .executeTakeFirst();
    return numDeletedRows > 0n;
  });
}

async function insertVersion(
  db: Kysely<Tables>,
  flowId: string,
  version: number,
  { definition, author, note }: VersionInput,
  createdAt: string,
): Promise<FlowVersion> {
  if (definition.id !== flowId) {
    throw new RangeError(`a version of flow ${flowId} can't have the id ${definition.id}`);
  }
  // The document says which version it is, so an exported copy still tells.
  const stamped = { ...definition, version };
  const row = { flowId, version, author, note: note ?? null, createdAt };
  await db
    .insertInto("flowVersions")
    .values({ ...row, definition: JSON.stringify(stamped) })
    .execute();
  return { ...row, definition: stamped };
}

function toVersion(row: Omit<FlowVersion, "definition"> & { definition: string }): FlowVersion {
  return { ...row, definition: JSON.parse(row.definition) as FlowDefinition };
}
