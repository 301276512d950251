import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import type { ModelCatalog, ModelRegistry, Simulation } from "@switchboard/engine";
import { findRecordedSession, listRecordedTurns } from "../conversations/index.ts";
import type { Database } from "../db/index.ts";
import { AppError } from "../errors.ts";
import type { FlowService, VersionRef } from "../flows/index.ts";
import type { KnowledgeStore } from "../knowledge/index.ts";
import { type Fork, forkConversation } from "./fork-conversation.ts";
import {
  type ConversationSelection,
  loadRecordedConversations,
} from "./load-recorded-conversations.ts";
import {
  type ConversationReplay,
  type PlayTurn,
  replayConversation,
} from "./replay-conversation.ts";
import type { ModelAnswers } from "./replay-recordings.ts";
import { addToReport, emptyReport, type ReplayReport } from "./replay-report.ts";
import { findReplaySource } from "./replay-target.ts";
import { createReplayTargetCache } from "./replay-target-cache.ts";
import type { ReplayWorkerMessage, ReplayWorkerRequest } from "./replay-worker-protocol.ts";
import { simulationFromReplay } from "./simulation-from-replay.ts";

interface ReplayChoice {
  /** The version to replay against (default: the draft). */
  version?: VersionRef;
  models?: ModelAnswers;
}

interface ReplayJobRequest extends ConversationSelection, ReplayChoice {}

interface AcceptRequest extends ReplayChoice {
  sessionId: string;
  jobId?: string;
  /** The simulation's name, unique in the flow's simulations file. */
  name: string;
}

type ReplayJobStatus = "running" | "done" | "failed" | "cancelled";

/** A regression replay: its progress, and the report of the conversations replayed so far. */
export interface ReplayJob {
  id: string;
  flowId: string;
  /** The version replayed against; null for the draft. */
  version: number | null;
  status: ReplayJobStatus;
  total: number;
  replayed: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  report: ReplayReport;
  /** Each changed conversation, for the report's list (its side-by-side view is one call away). */
  changed: Pick<ConversationReplay, "sessionId" | "chatId" | "changes" | "firstDivergence">[];
}

export interface ReplayService {
  /** Replays one session (a chat's stretch on one flow version) against a version. */
  replaySession(sessionId: string, choice?: ReplayChoice): Promise<ConversationReplay>;
  /** @throws AppError `conflict` while another job runs; `invalid_request` past the bounds. */
  startJob(request: ReplayJobRequest): Promise<ReplayJob>;
  job(jobId: string): ReplayJob;
  /** A conversation of a job, as replayed: its side-by-side view. */
  jobConversation(jobId: string, sessionId: string): ConversationReplay;
  cancel(jobId: string): ReplayJob;
  /**
   * Adds a simulation expecting what the replay did to the flow's simulations file: the job's
   * replay of the session, or (without a job) a new replay of it.
   */
  acceptAsSimulation(request: AcceptRequest): Promise<Simulation>;
  /** A studio thread continuing the session from after turn `turn` (from 0). */
  fork(sessionId: string, turn: number): Promise<Fork>;
}

export interface ReplayServiceOptions {
  database: Database;
  flowService: FlowService;
  /** The flows' knowledge, which a version's replay answers from. */
  knowledge: KnowledgeStore;
  catalog: ModelCatalog;
  models: ModelRegistry;
  flowsDir: string;
  /** The live checkpoints, read (never written) to fork a conversation. */
  checkpoints: BaseCheckpointSaver;
  /** Adds a simulation to the flow's simulations file. */
  addSimulation: (flowId: string, simulation: Simulation) => Promise<unknown>;
  /** Runs a single replay's turns (the server's turn runner, so a drain waits for them). */
  play?: PlayTurn;
  /** Conversations replayed at once within a job, and single replays at once. */
  concurrency?: number;
  /** The most conversations one job may replay. */
  maxConversations?: number;
  /** How many finished jobs are kept for their reports. */
  keptJobs?: number;
}

interface JobEntry {
  job: ReplayJob;
  replays: Map<string, ConversationReplay>;
  worker?: Worker;
}

const WORKER_URL = new URL("./replay.worker.ts", import.meta.url).href;

/**
 * Replays recorded conversations against another version of their flow. A single conversation
 * replays here; a regression job replays in a worker, one job at a time, with at most
 * `concurrency` conversations at once. Replays run on throwaway threads in memory, with
 * recorded model answers and `http` responses: they never touch live conversations, send
 * channel messages or call out.
 *
 * @example
 * const job = await replays.startJob({ flowId: "support", last: 500, version: "draft" });
 */
export function createReplayService({
  database,
  flowService,
  knowledge,
  catalog,
  models,
  flowsDir,
  checkpoints,
  addSimulation,
  play,
  concurrency = 4,
  maxConversations = 5000,
  keptJobs = 5,
}: ReplayServiceOptions): ReplayService {
  const jobs = new Map<string, JobEntry>();
  // Single replays run on the server's thread: at most `concurrency` at once, on targets
  // compiled once per version (training classifiers is the costly part of a short replay).
  let singleReplays = 0;
  const targets = createReplayTargetCache({ models, flowsDir });

  const entryOf = (jobId: string): JobEntry => {
    const entry = jobs.get(jobId);
    if (!entry) throw new AppError("not_found", `There is no replay job "${jobId}".`);
    return entry;
  };

  const finish = (entry: JobEntry, status: ReplayJobStatus, error: string | null = null) => {
    entry.worker?.terminate();
    entry.worker = undefined;
    if (entry.job.status !== "running") return;
    Object.assign(entry.job, { status, error, finishedAt: new Date().toISOString() });
    // Only the latest finished jobs keep their replays.
    const finished = [...jobs.values()].filter((other) => other.job.status !== "running");
    for (const old of finished.slice(0, Math.max(0, finished.length - keptJobs)))
      jobs.delete(old.job.id);
  };

  const replaySession = async (
    sessionId: string,
    { version = "draft", models: answers = "recorded" }: ReplayChoice = {},
  ) => {
    if (singleReplays >= concurrency)
      throw new AppError(
        "rate_limited",
        `${singleReplays} replays are running already; try again when one has finished.`,
      );
    singleReplays++;
    try {
      const session = await findRecordedSession(database.db, sessionId);
      if (!session) throw new AppError("not_found", `There is no session "${sessionId}".`);
      const turns = (await listRecordedTurns(database.db, [sessionId])).get(sessionId) ?? [];
      if (turns.length === 0)
        throw new AppError(
          "not_found",
          `Session ${sessionId} has no recorded turns to replay (turns are recorded since replays exist).`,
        );
      const source = await findReplaySource(flowService, knowledge, session.flowId, version);
      const target = await targets.get(source);
      return await replayConversation(target, { session, turns }, { models: answers, play });
    } finally {
      singleReplays--;
    }
  };

  const jobConversation = (jobId: string, sessionId: string) => {
    const replay = entryOf(jobId).replays.get(sessionId);
    if (!replay)
      throw new AppError("not_found", `Replay job ${jobId} has not replayed session ${sessionId}.`);
    return replay;
  };

  const record = (entry: JobEntry, replay: ConversationReplay) => {
    entry.replays.set(replay.sessionId, replay);
    entry.job.replayed = entry.replays.size;
    addToReport(entry.job.report, replay);
    if (replay.changes.length > 0) {
      const { sessionId, chatId, changes, firstDivergence } = replay;
      entry.job.changed.push({ sessionId, chatId, changes, firstDivergence });
    }
  };

  return {
    replaySession,

    async startJob({ version = "draft", models: answers = "recorded", ...selection }) {
      if (selection.last < 1 || selection.last > maxConversations)
        throw new AppError(
          "invalid_request",
          `A replay job takes 1 to ${maxConversations} conversations, not ${selection.last}.`,
        );
      const running = [...jobs.values()].find((entry) => entry.job.status === "running");
      if (running)
        throw new AppError(
          "conflict",
          `Replay job ${running.job.id} is still running; wait for it or cancel it.`,
        );
      const source = await findReplaySource(flowService, knowledge, selection.flowId, version);
      const conversations = await loadRecordedConversations(database.db, selection);
      const job: ReplayJob = {
        id: crypto.randomUUID(),
        flowId: selection.flowId,
        version: source.version,
        status: "running",
        total: conversations.length,
        replayed: 0,
        startedAt: new Date().toISOString(),
        finishedAt: null,
        error: null,
        report: emptyReport(),
        changed: [],
      };
      const entry: JobEntry = { job, replays: new Map() };
      jobs.set(job.id, entry);
      if (conversations.length === 0) {
        finish(entry, "done");
        return job;
      }
      const worker = new Worker(WORKER_URL);
      // A job never holds the process open: stopping the server stops it.
      (worker as Worker & { unref(): void }).unref();
      entry.worker = worker;
      worker.onmessage = ({ data }: MessageEvent<ReplayWorkerMessage>) => {
        if (data.type === "replayed") record(entry, data.replay);
        else if (data.type === "done") finish(entry, "done");
        else finish(entry, "failed", data.message);
      };
      worker.onerror = (event) => finish(entry, "failed", event.message);
      const request: ReplayWorkerRequest = {
        source,
        catalog,
        flowsDir,
        models: answers,
        concurrency,
        conversations,
      };
      worker.postMessage(request);
      return job;
    },

    job: (jobId) => entryOf(jobId).job,

    jobConversation,

    cancel(jobId) {
      const entry = entryOf(jobId);
      finish(entry, "cancelled");
      return entry.job;
    },

    async acceptAsSimulation({ jobId, sessionId, name, ...choice }) {
      const replay = jobId
        ? jobConversation(jobId, sessionId)
        : await replaySession(sessionId, choice);
      const simulation = simulationFromReplay(replay, name);
      await addSimulation(replay.flowId, simulation);
      return simulation;
    },

    async fork(sessionId, turn) {
      const session = await findRecordedSession(database.db, sessionId);
      if (!session) throw new AppError("not_found", `There is no session "${sessionId}".`);
      return forkConversation(database.db, checkpoints, {
        sessionId,
        flowId: session.flowId,
        turn,
      });
    },
  };
}
