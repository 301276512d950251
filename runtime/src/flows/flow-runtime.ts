import {
  compileGraph,
  createIntentModels,
  FlowError,
  type FlowGraph,
  type HttpPolicy,
  type IntentModels,
  type ModelRegistry,
  validateFlow,
} from "@switchboard/engine";
import { createHttpRecorder, type HttpRecorder } from "../conversations/index.ts";
import type { Database } from "../db/index.ts";
import { type CheckpointHolder, KyselyCheckpointSaver } from "../db/index.ts";
import { AppError } from "../errors.ts";
import { createKnowledgeStore, type KnowledgeStore } from "../knowledge/index.ts";
import { findPublishedVersionNumber, getVersion, listFlows } from "./flows.repository.ts";
import { DatabaseClassifierStore } from "./intent-models.repository.ts";

/** The flows the server runs, compiled once per flow version. */
export interface FlowRuntime {
  /**
   * The compiled graph of one flow version: a session keeps the version it started on, so a
   * newly published version never changes a conversation under way.
   */
  graph(flowId: string, version: number): Promise<FlowGraph>;
  /** @throws AppError `not_found` when the flow has no published version. */
  assertPublished(flowId: string): Promise<void>;
  /**
   * Compiles every published flow, as on start, and waits for their intent models (trained once,
   * then read from the database); returns the problems of those that fail.
   */
  loadPublished(): Promise<FlowLoadReport>;
  /** Drops a deleted flow's graphs: a new flow with its id starts again at version 1. */
  forget(flowId: string): void;
  /** The flow versions' knowledge bases: the draft's, and those each saved version pinned. */
  knowledge: KnowledgeStore;
  /** The graphs' checkpoint saver, for a turn to store its state with its messages. */
  checkpoints: CheckpointHolder;
  /**
   * The process's intent models, trained off the turn's thread and kept in the database; other
   * compilers of flows (the studio's test turns) share them.
   */
  intentModels: IntentModels;
  /** Stops the intent training thread. */
  close(): void;
  /** The `http` nodes' fetch, keeping each turn's responses for its recording. */
  httpRecorder: HttpRecorder;
}

export interface FlowLoadReport {
  loaded: { id: string; version: number }[];
  failed: { id: string; version: number; message: string }[];
}

export interface FlowRuntimeOptions {
  database: Database;
  models: ModelRegistry;
  /** The folder knowledge files are imported from, relative to which sources are named. */
  flowsDir: string;
  /** Where the flows' http nodes may call (`HTTP_ALLOWED_HOSTS`). */
  http: HttpPolicy;
  /** The fetch `http` nodes call out with (default: the global one). */
  fetch?: typeof fetch;
}

/**
 * @example
 * const flows = createFlowRuntime({ database, models, flowsDir: "flows", http: {} });
 * const graph = await flows.graph("support", 3);
 */
export function createFlowRuntime({
  database,
  models,
  flowsDir,
  http,
  fetch: send = fetch,
}: FlowRuntimeOptions): FlowRuntime {
  const checkpointer = new KyselyCheckpointSaver(database.db);
  const knowledge = createKnowledgeStore({ database, flowsDir });
  // A turn never waits for training: until a node's model is ready, the retrieval scorer answers.
  const intentModels = createIntentModels({
    training: "worker",
    store: new DatabaseClassifierStore(database.db),
    onError: (error) => console.warn(`An intent model could not be trained: ${error.message}`),
  });
  const httpRecorder = createHttpRecorder(send);
  // Promises, so turns arriving together while a version compiles share one compilation.
  const graphs = new Map<string, Promise<FlowGraph>>();

  const compile = async (flowId: string, version: number): Promise<FlowGraph> => {
    const stored = await getVersion(database.db, flowId, version);
    if (!stored) throw new AppError("not_found", `Flow ${flowId} has no version ${version}.`);
    const result = validateFlow(stored.definition, { models: models.names });
    if (!result.ok)
      throw new FlowError("invalid_flow", `Flow ${flowId} version ${version} does not validate.`, {
        problems: result.problems,
      });
    // The knowledge the version pinned when it was saved.
    const bases = await knowledge.forEngine(flowId, version, result.flow.knowledge);
    return compileGraph(result.flow, {
      checkpointer,
      models,
      knowledge: bases,
      http,
      fetch: httpRecorder.fetch,
      intentModels,
    });
  };

  const graph = (flowId: string, version: number): Promise<FlowGraph> => {
    const key = `${flowId}@${version}`;
    let compiled = graphs.get(key);
    if (!compiled) {
      compiled = compile(flowId, version);
      graphs.set(key, compiled);
      // A failure is not cached: a fixed knowledge file or catalog is picked up on the next turn.
      compiled.catch(() => graphs.delete(key));
    }
    return compiled;
  };

  return {
    graph,
    knowledge,
    checkpoints: checkpointer,
    intentModels,
    httpRecorder,
    async assertPublished(flowId) {
      if ((await findPublishedVersionNumber(database.db, flowId)) === undefined)
        throw new AppError("not_found", `There is no published flow "${flowId}".`);
    },
    async loadPublished() {
      const report: FlowLoadReport = { loaded: [], failed: [] };
      for (const flow of await listFlows(database.db)) {
        if (flow.publishedVersion === null) continue;
        const entry = { id: flow.id, version: flow.publishedVersion };
        try {
          await graph(flow.id, flow.publishedVersion);
          report.loaded.push(entry);
        } catch (error) {
          report.failed.push({ ...entry, message: (error as Error).message });
        }
      }
      await intentModels.settled();
      return report;
    },
    forget(flowId) {
      for (const key of graphs.keys()) if (key.startsWith(`${flowId}@`)) graphs.delete(key);
    },
    close() {
      intentModels.close();
    },
  };
}
