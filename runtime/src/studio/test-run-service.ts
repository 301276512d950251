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
import type { TurnRunner } from "../conversations/index.ts";
import type { Database } from "../db/index.ts";
import { KyselyCheckpointSaver } from "../db/index.ts";
import { AppError, describeError, type ErrorCode } from "../errors.ts";
import type { FlowService, VersionRef } from "../flows/index.ts";
import { checkFlowDocument } from "../flows/index.ts";
import { type KnowledgeStore, knowledgeVersionOf } from "../knowledge/index.ts";
import { callbackStream } from "./callback-stream.ts";
import { findFlowFile, findSimulationFile } from "./simulation-files.ts";

// A posted flow is compiled, and its intent models trained, on the request's thread: these keep
// that to what a hand-made flow needs (the example flows have 20 nodes and 131 examples).
const MAX_POSTED_NODES = 500;
const MAX_POSTED_EXAMPLES = 3000;

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

interface TestTurnRequest {
  input: TurnInput;
  version?: VersionRef;
  /** Continue a conversation kept in the database; without it the turn runs on a throwaway thread. */
  threadId?: string;
}

interface SimulationRunRequest {
  version?: VersionRef;
  /**
   * A flow document to run instead of a stored version: the studio's canvas with its unsaved
   * edits. Checked as a saved version is (every problem, knowledge inside the flows folder).
   */
  flow?: unknown;
  /** Instead of the simulations file next to the flow's file in the flows folder. */
  simulations?: Simulation[];
}

export interface SimulationRun {
  flowId: string;
  /** The version simulated; null for the draft or a posted document. */
  version: number | null;
  /** Whether it ran on a posted document (unsaved edits) rather than a stored version. */
  unsaved: boolean;
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

  const check = (definition: unknown) =>
    checkFlowDocument(definition, { models: models.names, flowsDir });
  const load = async (flowId: string, version: VersionRef = "draft") => {
    const document = await flowService.get(flowId, version);
    const flow = check(document.definition);
    const knowledge = await knowledgeStore.forEngine(
      flowId,
      knowledgeVersionOf(version, document),
      flow.knowledge,
    );
    return { document, flow, knowledge };
  };
  /** A posted document of the flow, bounded as it is compiled (and trained) on this thread. */
  const loadPosted = async (flowId: string, definition: unknown) => {
    await flowService.versions(flowId); // throws not_found for an unknown flow
    const flow = check(definition);
    if (flow.id !== flowId)
      throw new AppError(
        "invalid_request",
        `The posted flow is "${flow.id}", not "${flowId}": run a flow's simulations on its own document.`,
      );
    const examples = flow.nodes.reduce(
      (sum, node) =>
        sum +
        (node.type === "classify"
          ? node.config.intents.reduce((count, intent) => count + intent.examples.length, 0)
          : 0),
      0,
    );
    if (flow.nodes.length > MAX_POSTED_NODES || examples > MAX_POSTED_EXAMPLES)
      throw new AppError(
        "too_large",
        `The posted flow has ${flow.nodes.length} nodes and ${examples} intent examples; the studio runs simulations on at most ${MAX_POSTED_NODES} nodes and ${MAX_POSTED_EXAMPLES} examples. Run \`switchboard simulate\` on its file instead.`,
      );
    const knowledge = await knowledgeStore.forEngine(flowId, "draft", flow.knowledge);
    return { document: { version: null }, flow, knowledge };
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

    async runSimulations(flowId, { version, flow: posted, simulations }) {
      const { document, flow, knowledge } =
        posted === undefined ? await load(flowId, version) : await loadPosted(flowId, posted);
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
        unsaved: posted !== undefined,
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
