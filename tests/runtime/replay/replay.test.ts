import { afterEach, expect, it } from "bun:test";
import {
  type Flow as FlowDefinition,
  readKnowledgeFiles,
  runSimulations,
} from "@switchboard/engine";
import { sql } from "kysely";
import { listRecordedTurns } from "../../../runtime/src/conversations/run-recordings.repository.ts";
import type { Database } from "../../../runtime/src/db/database.ts";
import { checkFlowDocument } from "../../../runtime/src/flows/flow-document.ts";
import type { ReplayJob, ReplayService } from "../../../runtime/src/replay/replay-service.ts";
import { describeEachDialect, useTestStore } from "../db/test-database.ts";
import { createRecordedStore } from "./recorded-store.ts";

type Store = Awaited<ReturnType<typeof createRecordedStore>>;

/** The support flow's latest version, changed by `edit`, saved as the draft. */
async function saveEditedDraft(store: Store, edit: (flow: FlowDefinition) => void) {
  const { definition } = await store.flowService.get("support", "latest");
  const flow = structuredClone(definition) as FlowDefinition;
  edit(flow);
  await store.flowService.saveDraft("support", flow);
}

function nodeOf(flow: FlowDefinition, id: string) {
  const node = flow.nodes.find((candidate) => candidate.id === id);
  if (!node) throw new Error(`no node ${id}`);
  return node as { config: Record<string, unknown> };
}

/**
 * The classify threshold raised just above the confidence a recorded turn classified at, so that
 * turn falls back; read from the recording, as the intent model's confidences may change.
 */
async function raiseThresholdAbove(database: Database, sessionId: string, turn: number) {
  const turns = (await listRecordedTurns(database.db, [sessionId])).get(sessionId) ?? [];
  const confidence = turns[turn]?.recording.outcome.intent?.confidence ?? 1;
  // Every other turn these tests record is classified with more confidence.
  expect(confidence).toBeLessThan(0.95);
  return (flow: FlowDefinition) => {
    nodeOf(flow, "classify").config.threshold = confidence + 0.02;
  };
}
const rewordGreeting = (flow: FlowDefinition) => {
  nodeOf(flow, "greeting").config.text = "Hello! Voltra Bikes here. How can I help?";
};

async function finished(replays: ReplayService, id: string): Promise<ReplayJob> {
  for (let tries = 0; tries < 400; tries++) {
    const job = replays.job(id);
    if (job.status !== "running") return job;
    await Bun.sleep(25);
  }
  throw new Error("the replay job did not finish");
}

async function liveState(database: Database) {
  const count = async (table: string) =>
    Number(
      (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(database.db))
        .rows[0]?.n,
    );
  return {
    messages: await count("chat_messages"),
    runs: await count("runs"),
    checkpoints: await count("checkpoints"),
    writes: await count("checkpoint_writes"),
    sessions: await count("chat_sessions"),
    whatsappOutbox: await count("whatsapp_outbox"),
  };
}

describeEachDialect("replaying recorded conversations", (dialect) => {
  const test = useTestStore(dialect);
  let store: Store | undefined;
  afterEach(() => store?.dispose());

  it("reports a raised classify threshold as exactly the turn that now falls back", async () => {
    store = await createRecordedStore(test.database());
    const { sessionId } = await store.converse([
      "hi there",
      "what time do you open on sunday?",
      "financing?",
    ]);
    await saveEditedDraft(store, await raiseThresholdAbove(test.database(), sessionId, 2));

    const replay = await store.replays.replaySession(sessionId, { version: "draft" });

    expect(replay.targetVersion).toBeNull();
    expect(replay.turns.map((turn) => turn.changes)).toEqual([[], [], ["route", "reply"]]);
    expect(replay.changes).toEqual(["route", "reply"]);
    expect(replay.firstDivergence).toEqual({ turn: 2, nodeId: "classify" });
    const changed = replay.turns[2];
    expect(changed?.recorded.path).toEqual(["classify", "faq"]);
    expect(changed?.replayed.path).toEqual(["classify", "fallback"]);
    // The classifier still says the same; only where the flow goes with it changed.
    expect(changed?.replayed.intent).toEqual(changed?.recorded.intent ?? null);
    expect(changed?.replayed.replies[0]?.text).toStartWith("Sorry, I'm not sure I understood");
  });

  it("reports a reworded reply as exactly a reply change at its node", async () => {
    store = await createRecordedStore(test.database());
    const { sessionId } = await store.converse(["hi there", "what time do you open on sunday?"]);
    await saveEditedDraft(store, rewordGreeting);

    const replay = await store.replays.replaySession(sessionId);

    expect(replay.turns.map((turn) => turn.changes)).toEqual([["reply"], []]);
    expect(replay.firstDivergence).toEqual({ turn: 0, nodeId: "greeting" });
    expect(replay.turns[0]?.replayed.replies.map((reply) => reply.text)).toEqual([
      "Hello! Voltra Bikes here. How can I help?",
    ]);
  });

  it("replays the version a conversation ran on without a difference, and leaves live conversations as they were", async () => {
    store = await createRecordedStore(test.database());
    const { sessionId } = await store.converse([
      "hi there",
      "I want to buy bikes for my company",
      "Ana Lima",
      "let me talk to a person",
    ]);
    const before = await liveState(test.database());

    const replay = await store.replays.replaySession(sessionId, { version: 1 });

    expect(replay.turns).toHaveLength(4);
    expect(replay.changes).toEqual([]);
    expect(replay.firstDivergence).toBeNull();
    expect(await liveState(test.database())).toEqual(before);
  });

  it("runs no more single replays at once than its concurrency, and says so", async () => {
    store = await createRecordedStore(test.database());
    const { sessionId } = await store.converse(["hi there", "what is your warranty?"]);

    const outcomes = await Promise.allSettled(
      [1, 2, 3].map(() => store?.replays.replaySession(sessionId)),
    );

    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "rejected",
    ]);
    expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({
      code: "rate_limited",
      message: "2 replays are running already; try again when one has finished.",
    });
    expect((await store.replays.replaySession(sessionId)).turns).toHaveLength(2);
  });

  it("replays a human agent's actions in a handed-off conversation", async () => {
    store = await createRecordedStore(test.database());
    const { sessionId } = await store.converse([
      "let me talk to a person",
      { kind: "agent", text: "Hi, Bo here. How can I help?" },
      { kind: "handback" },
    ]);
    await saveEditedDraft(store, rewordGreeting);

    const replay = await store.replays.replaySession(sessionId);

    expect(replay.turns.map((turn) => turn.input.kind)).toEqual(["user", "agent", "handback"]);
    expect(replay.turns.map((turn) => turn.replayed.status)).toEqual([
      "handoff",
      "handoff",
      "waiting",
    ]);
    expect(replay.changes).toEqual([]);
  });

  it("runs a regression job in a worker and groups the changed conversations by kind", async () => {
    store = await createRecordedStore(test.database());
    const greeted = await store.converse(["hi there", "what time do you open on sunday?"]);
    const warranty = await store.converse(["financing?"]);
    const unchanged = await store.converse(["what time do you open on sunday?", "bye"]);
    const raiseThreshold = await raiseThresholdAbove(test.database(), warranty.sessionId, 0);
    await saveEditedDraft(store, (flow) => {
      raiseThreshold(flow);
      rewordGreeting(flow);
    });

    const started = await store.replays.startJob({ flowId: "support", last: 10 });
    expect(started).toMatchObject({ status: "running", total: 3 });
    const job = await finished(store.replays, started.id);

    expect(job).toMatchObject({ status: "done", total: 3, replayed: 3, error: null });
    expect(job.report.changed).toBe(2);
    expect(job.report.changedShare).toBeCloseTo(2 / 3);
    expect(job.report.byKind.route).toEqual([warranty.sessionId]);
    expect(job.report.byKind.reply.toSorted()).toEqual(
      [greeted.sessionId, warranty.sessionId].toSorted(),
    );
    expect(job.report.byKind.intent).toEqual([]);
    expect(job.report.byKind.ended).toEqual([]);
    expect(job.changed.map((entry) => entry.sessionId)).not.toContain(unchanged.sessionId);
    // Each changed conversation is one call from its side-by-side view.
    const view = store.replays.jobConversation(job.id, warranty.sessionId);
    expect(view.firstDivergence).toEqual({ turn: 0, nodeId: "classify" });
  });

  it("selects the last N conversations by outcome and channel", async () => {
    store = await createRecordedStore(test.database());
    await store.converse(["hi there"]);
    const ended = await store.converse(["bye"]);
    await store.converse(["what time do you open on sunday?"]);

    const byOutcome = await finished(
      store.replays,
      (await store.replays.startJob({ flowId: "support", last: 10, outcome: "ended" })).id,
    );
    expect(byOutcome.total).toBe(1);
    expect(store.replays.jobConversation(byOutcome.id, ended.sessionId).turns).toHaveLength(1);

    const latestTwo = await store.replays.startJob({ flowId: "support", last: 2 });
    expect(latestTwo.total).toBe(2);
    await finished(store.replays, latestTwo.id);
    const elsewhere = await store.replays.startJob({
      flowId: "support",
      last: 10,
      channel: "whatsapp",
    });
    expect(elsewhere).toMatchObject({ status: "done", total: 0 });
  });

  it("turns an accepted replay into a simulation that passes on the draft", async () => {
    store = await createRecordedStore(test.database());
    const { sessionId } = await store.converse(["hi there", "financing?"]);
    const raiseThreshold = await raiseThresholdAbove(test.database(), sessionId, 1);
    await saveEditedDraft(store, (flow) => {
      raiseThreshold(flow);
      rewordGreeting(flow);
    });

    const simulation = await store.replays.acceptAsSimulation({
      sessionId,
      name: "Financing after the threshold change",
    });

    expect(simulation.turns[1]).toMatchObject({
      user: "financing?",
      expect: { visited: ["classify", "fallback"], intent: "question", status: "waiting" },
    });
    const saved = await store.simulations.list("support");
    expect(saved.simulations.map((s) => s.name)).toContain("Financing after the threshold change");
    const draft = await store.flowService.get("support", "draft");
    const flow = checkFlowDocument(draft.definition, {
      models: ["default"],
      flowsDir: store.flowsDir,
    });
    const knowledge = await readKnowledgeFiles(store.flowsDir, flow.knowledge);
    const onDraft = await runSimulations({ path: "support.flow.json", flow, knowledge }, [
      simulation,
    ]);
    expect(onDraft.outcomes.map((outcome) => [outcome.passed, outcome.firstMismatch])).toEqual([
      [true, undefined],
    ]);
    const published = await store.flowService.get("support", 1);
    const onPublished = await runSimulations(
      {
        path: "support.flow.json",
        flow: checkFlowDocument(published.definition, {
          models: ["default"],
          flowsDir: store.flowsDir,
        }),
        knowledge,
      },
      [simulation],
    );
    expect(onPublished.outcomes[0]?.passed).toBe(false);
  });

  it("forks a conversation after a turn into a studio thread, leaving the live one alone", async () => {
    store = await createRecordedStore(test.database());
    const { sessionId } = await store.converse(["hi there", "what time do you open on sunday?"]);
    const before = await liveState(test.database());

    const fork = await store.replays.fork(sessionId, 0);

    expect(fork.threadId).toMatch(/^fork-[0-9a-f-]+$/);
    const { KyselyCheckpointSaver } = await import(
      "../../../runtime/src/db/kysely-checkpoint-saver.ts"
    );
    const saver = new KyselyCheckpointSaver(test.database().db);
    const forked = await saver.getTuple({
      configurable: { thread_id: `studio:support:${fork.threadId}`, checkpoint_ns: "" },
    });
    const messages = forked?.checkpoint.channel_values.messages as { content: string }[];
    // The user's first message and the greeting: the state after turn 1, not after turn 2.
    expect(messages.map((message) => message.content)).toHaveLength(2);
    expect(messages[0]?.content).toBe("hi there");
    const after = await liveState(test.database());
    expect({ ...after, checkpoints: before.checkpoints }).toEqual(before);
    expect(after.checkpoints).toBe(before.checkpoints + 1);
    await expect(store.replays.fork(sessionId, 5)).rejects.toThrow("there is no turn 6");
  });
});
