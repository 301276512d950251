import type { Kysely, Selectable } from "kysely";
import { inTransaction, preparedQuery, type Tables } from "../db/index.ts";
import { countUserTurn } from "./analytics-rollups.repository.ts";
import type {
  RunModelCallTable,
  RunNodeTable,
  RunOutcome,
  RunRecordingTable,
  RunTable,
} from "./run.table.ts";
import type { TurnRecording } from "./turn-recording.ts";

export type RunNode = Omit<Selectable<RunNodeTable>, "runId" | "seq">;
export type ModelCall = Omit<Selectable<RunModelCallTable>, "runId" | "seq">;

/** A turn as recorded: its outcome, the nodes it visited and the model calls they made, in order. */
export type Run = Selectable<RunTable> & { nodes: RunNode[]; modelCalls: ModelCall[] };

export type NewRun = Omit<
  Run,
  "id" | "nodes" | "modelCalls" | "traceUrl" | "messageId" | "outcome" | "intent"
> & {
  id?: string;
  nodes?: RunNode[];
  modelCalls?: ModelCall[];
  traceUrl?: string | null;
  messageId?: string | null;
  outcome?: RunOutcome | null;
  intent?: string | null;
  /** What a replay needs of the turn; studio test turns have none. */
  recording?: TurnRecording;
};

/**
 * Records a finished turn with its nodes and model calls, and counts a user's turn in the
 * analytics rollups, all or nothing.
 */
export async function recordRun(
  db: Kysely<Tables>,
  {
    id = crypto.randomUUID(),
    nodes = [],
    modelCalls = [],
    traceUrl = null,
    messageId = null,
    outcome = null,
    intent = null,
    recording,
    ...run
  }: NewRun,
): Promise<Run> {
  await inTransaction(db, async (trx) => {
    // Before the run: whether the conversation handed off before is asked of the runs stored.
    if (outcome !== null) await countUserTurn(trx, { ...run, messageId, outcome, intent });
    await insertRun(trx, { id, ...run, traceUrl, messageId, outcome, intent });
    if (nodes.length > 0)
      await insertRunNodes(
        trx,
        nodes.map((node, seq) => ({ runId: id, seq, ...node })),
      );
    if (modelCalls.length > 0)
      await insertModelCalls(
        trx,
        modelCalls.map((call, seq) => ({ runId: id, seq, ...call })),
      );
    if (recording)
      await insertRecording(trx, {
        runId: id,
        input: JSON.stringify(recording.input),
        outcome: JSON.stringify(recording.outcome),
        modelAnswers: JSON.stringify(recording.modelAnswers),
        httpResponses: JSON.stringify(recording.httpResponses),
      });
  });
  return { id, ...run, traceUrl, messageId, outcome, intent, nodes, modelCalls };
}

// Prepared: every turn records a run.
const insertRun = preparedQuery((db, run: Selectable<RunTable>) =>
  db.insertInto("runs").values(run),
);
const insertRunNodes = preparedQuery((db, nodes: Selectable<RunNodeTable>[]) =>
  db.insertInto("runNodes").values(nodes),
);
const insertModelCalls = preparedQuery((db, calls: Selectable<RunModelCallTable>[]) =>
  db.insertInto("runModelCalls").values(calls),
);
const insertRecording = preparedQuery((db, recording: Selectable<RunRecordingTable>) =>
  db.insertInto("runRecordings").values(recording),
);

/** A chat's runs, the latest first; pass the last one's `startedAt` as `before` for the next page. */
export async function listRuns(
  db: Kysely<Tables>,
  chatId: string,
  { limit = 50, before }: { limit?: number; before?: string } = {},
): Promise<Run[]> {
  let query = db
    .selectFrom("runs")
    .selectAll()
    .where("chatId", "=", chatId)
    .orderBy("startedAt", "desc")
    .orderBy("id", "desc")
    .limit(limit);
  if (before !== undefined) query = query.where("startedAt", "<", before);
  const runs = await query.execute();
  if (runs.length === 0) return [];
  const ids = runs.map((run) => run.id);
  const [nodes, calls] = await Promise.all([
    db.selectFrom("runNodes").selectAll().where("runId", "in", ids).orderBy("seq").execute(),
    db.selectFrom("runModelCalls").selectAll().where("runId", "in", ids).orderBy("seq").execute(),
  ]);
  return runs.map((run) => ({
    ...run,
    nodes: nodes.filter((node) => node.runId === run.id).map(({ runId, seq, ...node }) => node),
    modelCalls: calls
      .filter((call) => call.runId === run.id)
      .map(({ runId, seq, ...call }) => call),
  }));
}

/** A user's message on which a node took one route, as a run recorded it. */
export interface RoutedMessage {
  runId: string;
  text: string;
  startedAt: string;
}

/**
 * The latest user messages of the flow's recorded turns on which one of `nodeIds` took `route`
 * (e.g. the questions an FAQ node left with `no_answer`), the latest first.
 */
export async function listRoutedMessages(
  db: Kysely<Tables>,
  {
    flowId,
    nodeIds,
    route,
    limit,
  }: { flowId: string; nodeIds: string[]; route: string; limit: number },
): Promise<RoutedMessage[]> {
  if (nodeIds.length === 0) return [];
  const rows = await db
    .selectFrom("runs")
    .innerJoin("runNodes", "runNodes.runId", "runs.id")
    .innerJoin("runRecordings", "runRecordings.runId", "runs.id")
    .select(["runs.id as runId", "runs.startedAt", "runRecordings.input"])
    .where("runs.flowId", "=", flowId)
    .where("runNodes.route", "=", route)
    .where("runNodes.nodeId", "in", nodeIds)
    .orderBy("runs.startedAt", "desc")
    .limit(limit)
    .execute();
  return rows.flatMap(({ input, ...row }) => {
    const parsed = JSON.parse(input) as TurnRecording["input"];
    return parsed.kind === "user" ? [{ ...row, text: parsed.text }] : [];
  });
}
