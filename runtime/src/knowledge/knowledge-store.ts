import { type KnowledgeBase, type KnowledgeRef, readKnowledgeFiles } from "@switchboard/engine";
import type { Database } from "../db/index.ts";
import { inTransaction } from "../db/index.ts";
import type { VersionRef } from "../flows/index.ts";
import { readBases, writeBase } from "./knowledge.repository.ts";
import type { KnowledgeVersion, StoredKnowledgeBase } from "./knowledge-entry.ts";
import { fromEngineBase, toEngineBase } from "./knowledge-files.ts";

/**
 * The flows' knowledge bases, kept in the database per flow version. A base a version declares
 * that the database does not hold yet (a flow file just imported, a version saved before
 * knowledge lived in the database) is read once from its files in FLOWS_DIR and kept.
 */
export interface KnowledgeStore {
  /**
   * The version's bases the refs name, in their order.
   *
   * @throws FlowError `invalid_knowledge` when a base is not stored and its files can't be read.
   */
  stored(
    flowId: string,
    version: KnowledgeVersion,
    refs: readonly KnowledgeRef[],
  ): Promise<StoredKnowledgeBase[]>;
  /** As `stored`, as the engine compiles them. */
  forEngine(
    flowId: string,
    version: KnowledgeVersion,
    refs: readonly KnowledgeRef[],
  ): Promise<KnowledgeBase[]>;
}

/** @example const knowledge = createKnowledgeStore({ database, flowsDir: "flows" }); */
export function createKnowledgeStore({
  database: { db },
  flowsDir,
}: {
  database: Database;
  flowsDir: string;
}): KnowledgeStore {
  const stored = async (
    flowId: string,
    version: KnowledgeVersion,
    refs: readonly KnowledgeRef[],
  ): Promise<StoredKnowledgeBase[]> => {
    const kept = await readBases(
      db,
      flowId,
      version,
      refs.map((ref) => ref.id),
    );
    const missing = refs.filter((ref) => !kept.some((base) => base.id === ref.id));
    if (missing.length > 0) {
      const read = await readKnowledgeFiles(flowsDir, missing);
      const imported = read.map((base, index) =>
        fromEngineBase(base, (missing[index] as KnowledgeRef).source),
      );
      try {
        await inTransaction(db, async (trx) => {
          for (const base of imported) await writeBase(trx, flowId, version, base);
        });
      } catch (error) {
        // Two requests importing the same base at once: the first one's copy is the one kept.
        const again = await readBases(
          db,
          flowId,
          version,
          missing.map((ref) => ref.id),
        );
        if (again.length < missing.length) throw error;
        return refs.flatMap((ref) => [...kept, ...again].find((base) => base.id === ref.id) ?? []);
      }
      kept.push(...imported);
    }
    return refs.flatMap((ref) => kept.find((base) => base.id === ref.id) ?? []);
  };

  return {
    stored,
    async forEngine(flowId, version, refs) {
      return (await stored(flowId, version, refs)).map(toEngineBase);
    },
  };
}

/**
 * The knowledge a flow document read by `ref` runs with: the draft's for the draft (even when
 * the flow's draft is its latest version unchanged), else the one its version pinned.
 */
export function knowledgeVersionOf(
  ref: VersionRef | undefined,
  document: { version: number | null },
): KnowledgeVersion {
  return ref === undefined || ref === "draft" || document.version === null
    ? "draft"
    : document.version;
}
