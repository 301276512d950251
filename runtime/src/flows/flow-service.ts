import { diffFlows, type Flow, type FlowDiff } from "@switchboard/engine";
import type { Kysely } from "kysely";
import { type Database, inTransaction, type Tables } from "../db/index.ts";
import { AppError } from "../errors.ts";
import { deleteFlowKnowledge, pinDraft } from "../knowledge/index.ts";
import type { FlowDefinition } from "./flow.table.ts";
import type { FlowRuntime } from "./flow-runtime.ts";
import {
  createFlow,
  deleteFlow,
  type FlowSummary,
  type FlowVersion,
  getDraft,
  getPublishedVersion,
  getVersion,
  listFlows,
  listVersions,
  publishVersion,
  saveDraft,
  saveVersion,
} from "./flows.repository.ts";
import type { VersionRef } from "./version-ref.ts";

/** A flow document as stored: a saved version, or the draft (`version: null`). */
interface FlowDocument {
  flowId: string;
  version: number | null;
  author: string | null;
  note: string | null;
  savedAt: string | null;
  definition: FlowDefinition;
}

type VersionInfo = Omit<FlowVersion, "definition">;

interface SaveOptions {
  author?: string;
  note?: string;
}

/** The studio's flows: versions that never change once saved, a draft, and the published one. */
export interface FlowService {
  list(): Promise<FlowSummary[]>;
  versions(flowId: string): Promise<VersionInfo[]>;
  get(flowId: string, ref?: VersionRef): Promise<FlowDocument>;
  /** @throws AppError `conflict` when a flow with the id exists. */
  create(flow: Flow, options?: SaveOptions): Promise<VersionInfo>;
  saveVersion(flowId: string, flow: Flow, options?: SaveOptions): Promise<VersionInfo>;
  /** Drafts are kept unchecked: work in progress may not validate yet. */
  saveDraft(flowId: string, draft: { id: string }): Promise<void>;
  /** Compiles the version first, so a flow that can't run is never published. */
  publish(flowId: string, version: number): Promise<FlowSummary>;
  /** From the published version to the draft unless told otherwise. */
  diff(flowId: string, from?: VersionRef, to?: VersionRef): Promise<FlowDiff>;
  /** @throws AppError `conflict` for the default flow, which new chats need. */
  remove(flowId: string): Promise<void>;
  /** Saves a flow file: a new flow, or the next version of the flow with its id. */
  import(flow: Flow, options?: SaveOptions): Promise<VersionInfo>;
}

export interface FlowServiceOptions {
  database: Database;
  flows: FlowRuntime;
  defaultFlow: string;
}

const DEFAULT_AUTHOR = "admin";

/** @example const flowService = createFlowService({ database, flows, defaultFlow: "support" }); */
export function createFlowService({
  database: { db },
  flows,
  defaultFlow,
}: FlowServiceOptions): FlowService {
  const notFound = (flowId: string) => new AppError("not_found", `There is no flow "${flowId}".`);

  /** The flow's versions, latest first; a flow always has at least one, so none means no flow. */
  const existingVersions = async (flowId: string) => {
    const versions = await listVersions(db, flowId);
    if (versions.length === 0) throw notFound(flowId);
    return versions;
  };

  const versionOf = async (flowId: string, ref: Exclude<VersionRef, "draft">) => {
    if (ref === "published") {
      const published = await getPublishedVersion(db, flowId);
      if (published) return published;
      await existingVersions(flowId);
      throw new AppError("not_found", `Flow "${flowId}" has no published version.`);
    }
    const number = ref === "latest" ? (await existingVersions(flowId))[0]?.version : ref;
    const stored = number === undefined ? undefined : await getVersion(db, flowId, number);
    if (stored) return stored;
    await existingVersions(flowId);
    throw new AppError("not_found", `Flow "${flowId}" has no version ${ref}.`);
  };

  const get = async (flowId: string, ref: VersionRef = "draft"): Promise<FlowDocument> => {
    const draft = ref === "draft" ? await getDraft(db, flowId) : undefined;
    if (draft)
      return { flowId, version: null, author: null, note: null, savedAt: null, definition: draft };
    const { createdAt, ...stored } = await versionOf(flowId, ref === "draft" ? "latest" : ref);
    return { ...stored, savedAt: createdAt };
  };

  const summaryOf = async (flowId: string) => {
    const summary = (await listFlows(db)).find((flow) => flow.id === flowId);
    if (!summary) throw notFound(flowId);
    return summary;
  };

  // A saved version keeps the draft's knowledge as it is now; bases the draft never loaded are
  // read from their files when the version first compiles.
  const pinned = async (trx: Kysely<Tables>, flow: Flow, version: FlowVersion) => {
    await pinDraft(
      trx,
      flow.id,
      version.version,
      flow.knowledge.map((ref) => ref.id),
    );
    return version;
  };

  const withoutDefinition = ({ definition: _, ...info }: FlowVersion): VersionInfo => info;

  const create = async (flow: Flow, { author = DEFAULT_AUTHOR, note }: SaveOptions = {}) => {
    if ((await listVersions(db, flow.id)).length > 0)
      throw new AppError(
        "conflict",
        `A flow "${flow.id}" exists; save a new version of it instead.`,
      );
    return withoutDefinition(
      await inTransaction(db, async (trx) =>
        pinned(trx, flow, await createFlow(trx, { definition: flow, author, note })),
      ),
    );
  };

  const saveNext = async (
    flowId: string,
    flow: Flow,
    { author = DEFAULT_AUTHOR, note }: SaveOptions = {},
  ) => {
    if (flow.id !== flowId)
      throw new AppError("invalid_request", `The flow's id is "${flow.id}", not "${flowId}".`);
    await existingVersions(flowId);
    return withoutDefinition(
      await inTransaction(db, async (trx) =>
        pinned(trx, flow, await saveVersion(trx, flowId, { definition: flow, author, note })),
      ),
    );
  };

  return {
    list: () => listFlows(db),
    versions: existingVersions,
    get,
    create,
    saveVersion: saveNext,

    async saveDraft(flowId, draft) {
      if (draft.id !== flowId)
        throw new AppError("invalid_request", `The draft's id is "${draft.id}", not "${flowId}".`);
      await existingVersions(flowId);
      // Stored as sent: the engine checks a draft when it is tested or saved as a version.
      await saveDraft(db, flowId, draft as FlowDefinition);
    },

    async publish(flowId, version) {
      await versionOf(flowId, version);
      await flows.graph(flowId, version);
      await publishVersion(db, flowId, version);
      return summaryOf(flowId);
    },

    async diff(flowId, from = "published", to = "draft") {
      const [a, b] = await Promise.all([get(flowId, from), get(flowId, to)]);
      return diffFlows(a.definition, b.definition);
    },

    async remove(flowId) {
      if (flowId === defaultFlow)
        throw new AppError("conflict", `Flow "${flowId}" is the default flow new chats start on.`);
      if (!(await deleteFlow(db, flowId))) throw notFound(flowId);
      await deleteFlowKnowledge(db, flowId);
      flows.forget(flowId);
    },

    async import(flow, options = {}) {
      const note = options.note ?? "imported";
      const exists = (await listVersions(db, flow.id)).length > 0;
      return exists
        ? saveNext(flow.id, flow, { ...options, note })
        : create(flow, { ...options, note });
    },
  };
}
