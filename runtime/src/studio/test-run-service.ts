import { access } from "node:fs/promises";
import { join } from "node:path";
import { type BaseCheckpointSaver, MemorySaver } from "@langchain/langgraph-checkpoint";
import {
  type Coverage,
  compileGraph,
  type FlowGraph,
  type Handoff,
  type HttpPolicy,
  type IntentModels,
  type IntentResult,
  type LoadedFlow,
  type ModelRegistry,
  readSimulationFile,
  runSimulations,
  type Simulation,
  type SimulationOutcome,
  type TurnEvent,
  type TurnInput,
  type TurnResult,
} from "@switchboard/engine";
import type { TurnRunner } from "../conversations/turn-runner.ts";
import type { Database } from "../db/database.ts";
import { KyselyCheckpointSaver } from "../db/kysely-checkpoint-saver.ts";
import { AppError, describeError, type ErrorCode } from "../errors.ts";
import { checkFlowDocument } from "../flows/flow-document.ts";
import type { FlowService } from "../flows/flow-service.ts";
import type { VersionRef } from "../flows/version-ref.ts";
import { type KnowledgeStore, knowledgeVersionOf } from "../knowledge/knowledge-store.ts";
import { callbackStream } from "./callback-stream.ts";
import { findFlowFile, findSimulationFile } from "./simulation-files.ts";

/** What the studio watches of a conversation's state as a test turn runs. */
export interface StateSnapshot {
  vars: Record<string, unknown>;
  intent: IntentResult | null;
  handoff: Handoff | null;
}

/** A test turn's stream: the engine's events (node ends with the state after them), then `done` or `failed`. */
export type TestTurnEvent =
  | Exclude<TurnEvent, { type: "node_end" }>
  | (Extract<TurnEvent, { type: "node_end" }> & { state: StateSnapshot })
  | { type: "done"; result: TurnResult }
  | { type: "failed"; code: ErrorCode; message: string };

export interface TestTurnRequest {
  input: TurnInput;
  version?: VersionRef;
  /** Continue a conversation kept in the database; without it the turn runs on a throwaway thread. */
  threadId?: string;
}

export interface SimulationRunRequest {
  version?: VersionRef;
  /** Instead of the simulations file next to the flow's file in the flows folder. */
  simulations?: Simulation[];
}

export interface SimulationRun {
  flowId: string;
  /** The version simulated; null for the draft. */
  version: number | null;
  passed: boolean;
  outcomes: SimulationOutcome[];
  coverage: Coverage;
}

/** The studio's test bench: single turns of any version (the draft included) and simulations. */
export interface TestRunService {
  /**
   * Compiles the version and returns the turn's events as they happen. Problems found before the
   * turn starts (no such flow, a flow that does not validate) are thrown; later ones end the
   * stream with `failed`.
   */
  startTurn(flowId: string, request: TestTurnRequest): Promise<AsyncGenerator<TestTurnEvent>>;
  runSimulations(flowId: string, request: SimulationRunRequest): Promise<SimulationRun>;
}

export interface TestRunServiceOptions {
  database: Database;
  /** Runs the test turns, on threads that are no chat's. */
  turns: TurnRunner;
  models: ModelRegistry;
  flowsDir: string;
  flowService: FlowService;
  /** The flows' knowledge: a test of the draft answers from the draft's. */
  knowledge: KnowledgeStore;
  /** Where the flows' http nodes may call (`HTTP_ALLOWED_HOSTS`), as in chats. */
  http: HttpPolicy;
  /** The chats' intent models: a test turn never waits for training, as a chat's doesn't. */
  intentModels: IntentModels;
}

/** @example const testRuns = createTestRunService({ database, turns, models, flowsDir: "flows", flowService, knowledge: flows.knowledge, http: {}, intentModels: flows.intentModels }); */
export function createTestRunService({
  database,
  turns,
  models,
  flowsDir,
  flowService,
  knowledge: knowledgeStore,
  http,
  intentModels,
}: TestRunServiceOptions): TestRunService {
  const checkpointer = new KyselyCheckpointSaver(database.db);

  const load = async (flowId: string, version: VersionRef = "draft") => {
    const document = await flowService.get(flowId, version);
    const flow = checkFlowDocument(document.definition, { models: models.names, flowsDir });
    const knowledge = await knowledgeStore.forEngine(
      flowId,
      knowledgeVersionOf(version, document),
      flow.knowledge,
    );
    return { document, flow, knowledge };
  };

  return {
    async startTurn(flowId, { input, version, threadId }) {
      const { flow, knowledge } = await load(flowId, version);
      // Named test threads live apart from chat sessions, whose ids are bare UUIDs.
      const thread = threadId ? `studio:${flowId}:${threadId}` : `studio:${crypto.randomUUID()}`;
      const saver: BaseCheckpointSaver = threadId ? checkpointer : new MemorySaver();
      const graph = compileGraph(flow, {
        checkpointer: saver,
        models,
        knowledge,
        http,
        intentModels,
      });
      const run = (emit: (event: TurnEvent) => void, signal: AbortSignal) =>
        turns.runDetached(
          { threadId: thread, graph, input, kept: saver === checkpointer, signal },
          emit,
        );
      return streamTurn(graph, thread, run);
    },

    async runSimulations(flowId, { version, simulations }) {
      const { document, flow, knowledge } = await load(flowId, version);
      const source = await findFlowFile(flowsDir, flowId);
      const loaded: LoadedFlow = {
        path: source ?? join(flowsDir, `${flowId}.flow.json`),
        flow,
        knowledge,
      };
      const report = await runSimulations(
        loaded,
        simulations ?? (await readSimulationsOf(flowsDir, flowId)),
      );
      return {
        flowId,
        version: document.version,
        passed: report.outcomes.every((outcome) => outcome.passed),
        ...report,
      };
    },
  };
}

async function* streamTurn(
  graph: FlowGraph,
  threadId: string,
  run: (emit: (event: TurnEvent) => void, signal: AbortSignal) => Promise<TurnResult>,
): AsyncGenerator<TestTurnEvent> {
  const before = (await graph.getState({ configurable: { thread_id: threadId } })).values as {
    vars?: Record<string, unknown>;
    bookkeeping?: { intent: IntentResult | null; handoff: Handoff | null };
  };
  let state: StateSnapshot = {
    vars: before.vars ?? {},
    intent: before.bookkeeping?.intent ?? null,
    handoff: before.bookkeeping?.handoff ?? null,
  };
  try {
    for await (const item of callbackStream(run)) {
      if ("result" in item) {
        yield { type: "done", result: item.result };
        return;
      }
      const { event } = item;
      if (event.type === "model_call") {
        // The exchange holds the client and its messages: for traces, not for the stream.
        const { exchange: _exchange, ...call } = event;
        yield call;
        continue;
      }
      if (event.type !== "node_end") {
        yield event;
        continue;
      }
      state = applyUpdate(state, event.update);
      yield { ...event, state };
    }
  } catch (error) {
    const { code, message } = describeError(error);
    yield { type: "failed", code, message };
  }
}

/** The state after a node, from the state before it and what the node changed (as the engine's reducers merge it). */
function applyUpdate(state: StateSnapshot, update: Record<string, unknown>): StateSnapshot {
  return {
    vars: update.vars ? { ...state.vars, ...(update.vars as Record<string, unknown>) } : state.vars,
    intent: "intent" in update ? (update.intent as IntentResult | null) : state.intent,
    handoff: "handoff" in update ? (update.handoff as Handoff | null) : state.handoff,
  };
}

async function readSimulationsOf(flowsDir: string, flowId: string): Promise<Simulation[]> {
  const path = await findSimulationFile(flowsDir, flowId);
  const found = await access(path).then(
    () => true,
    () => false,
  );
  if (!found)
    throw new AppError(
      "not_found",
      `Flow "${flowId}" has no simulations file in the flows folder; post the simulations instead.`,
    );
  return (await readSimulationFile(path)).simulations;
}
