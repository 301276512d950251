import { MemorySaver } from "@langchain/langgraph";
import {
  compileGraph,
  type FlowGraph,
  type KnowledgeBase,
  type KnowledgeRef,
  type ModelRegistry,
} from "@switchboard/engine";
import type { FlowService, VersionRef } from "../flows/index.ts";
import { checkFlowDocument } from "../flows/index.ts";
import { type KnowledgeStore, knowledgeVersionOf } from "../knowledge/index.ts";
import { recordedFetch } from "./recorded-fetch.ts";
import { replayModels } from "./replay-models.ts";

/** A flow version's definition, as a replay (or its worker) is given it. */
export interface ReplaySource {
  flowId: string;
  /** The version; null for the draft. */
  version: number | null;
  definition: unknown;
  /** The knowledge bases the version answers from (the draft's for the draft). */
  knowledge: KnowledgeBase[];
}

export interface ReplayCompileOptions {
  models: ModelRegistry;
  flowsDir: string;
}

/** The flow version conversations are replayed against, compiled for replays. */
export interface ReplayTarget {
  flowId: string;
  version: number | null;
  graph: FlowGraph;
}

/** The definition of the version a replay runs against (`draft`: the draft, else the latest version). */
export async function findReplaySource(
  flowService: FlowService,
  knowledge: KnowledgeStore,
  flowId: string,
  version: VersionRef,
): Promise<ReplaySource> {
  const document = await flowService.get(flowId, version);
  const refs = (document.definition as { knowledge?: KnowledgeRef[] }).knowledge ?? [];
  return {
    flowId,
    version: document.version,
    definition: document.definition,
    knowledge: await knowledge.forEngine(flowId, knowledgeVersionOf(version, document), refs),
  };
}

/**
 * Compiles a version for replays, apart from the live graphs: its threads live in memory and
 * never in the database, its chat models answer from the recordings and its `http` nodes get
 * recorded responses, never the network.
 *
 * @throws FlowError `invalid_flow` when the version does not validate.
 */
export async function compileReplayTarget(
  { models, flowsDir }: ReplayCompileOptions,
  { flowId, version, definition, knowledge }: ReplaySource,
): Promise<ReplayTarget> {
  const flow = checkFlowDocument(definition, { models: models.names, flowsDir });
  const graph = compileGraph(flow, {
    checkpointer: new MemorySaver(),
    models: replayModels(models),
    knowledge,
    fetch: recordedFetch,
    // No name is resolved: the recorded fetch answers every request that is let through, and
    // requests reach it only as recorded, after the live turn passed the deployment's host rules.
    http: { lookup: async () => [] },
  });
  return { flowId, version, graph };
}
