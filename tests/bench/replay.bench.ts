/**
 * What replaying recorded conversations costs: 1,000 conversations (3 turns each) are recorded on
 * SQLite through the real turn runner, then replayed against an edited draft (a raised classify
 * threshold, a reworded greeting) on the embedded local model. Figures: the replay in-process,
 * the replay as a background job in its worker (with the server thread's longest event-loop
 * stall meanwhile), and, as the baseline, the same conversations run live through the engine on
 * an in-memory checkpointer. Each is measured three times, in turn; median and range printed.
 * The target (1,000 conversations in under a minute on the 2-core machine) is read, not asserted.
 *
 * Run: bun run bench:replay
 */
import { MemorySaver } from "@langchain/langgraph";
import type { Flow } from "@switchboard/engine";
import {
  compileGraph,
  createModelRegistry,
  readKnowledgeFiles,
  runTurn,
} from "@switchboard/engine";
import { checkFlowDocument } from "../../runtime/src/flows/flow-document.ts";
import { loadRecordedConversations } from "../../runtime/src/replay/load-recorded-conversations.ts";
import type { ConversationReplay } from "../../runtime/src/replay/replay-conversation.ts";
import { replayMany } from "../../runtime/src/replay/replay-many.ts";
import { summarizeReplays } from "../../runtime/src/replay/replay-report.ts";
import { compileReplayTarget, findReplaySource } from "../../runtime/src/replay/replay-target.ts";
import { createTestStore } from "../runtime/db/test-database.ts";
import { createRecordedStore } from "../runtime/replay/recorded-store.ts";

const CONVERSATIONS = 1000;
const RECORDING_LANES = 8;
const CONCURRENCY = 4;
const ROUNDS = 3;

const MESSAGES = [
  "hi there",
  "what time do you open on sunday?",
  "can I return a bike?",
  "what is your warranty?",
  "do you ship to Denver?",
  "financing?",
  "how far does the battery go on one charge?",
  "do you sell helmets",
  "hello",
  "is there a store in Portland?",
  "what does the cargo bike cost?",
  "asdf",
];

/** Conversation `i`'s three messages, the same on every run. */
const messagesOf = (i: number) =>
  [0, 1, 2].map((turn) => MESSAGES[(i * 7 + turn * 5) % MESSAGES.length] as string);

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const line = (name: string, times: number[]) => {
  const mid = median(times);
  console.log(
    `${name.padEnd(34)} ${seconds(mid).padStart(9)}  (${seconds(Math.min(...times))} – ${seconds(Math.max(...times))})  ${(CONVERSATIONS / (mid / 1000)).toFixed(0).padStart(6)} conversations/s`,
  );
  return mid;
};

const store = createTestStore("sqlite");
const database = await store.open();
const recorded = await createRecordedStore(database);
try {
  console.log(
    `replay benchmark: ${CONVERSATIONS} conversations of 3 turns, SQLite, the local model`,
  );
  let started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: RECORDING_LANES }, async () => {
      while (next < CONVERSATIONS) await recorded.converse(messagesOf(next++));
    }),
  );
  console.log(`recorded through the turn runner in ${seconds(performance.now() - started)}\n`);

  const { definition } = await recorded.flowService.get("support", "latest");
  const draft = structuredClone(definition) as Flow;
  for (const node of draft.nodes as unknown as { id: string; config: Record<string, unknown> }[]) {
    if (node.id === "classify") node.config.threshold = 0.9;
    if (node.id === "greeting") node.config.text = "Hello! Voltra Bikes here. How can I help?";
  }
  await recorded.flowService.saveDraft("support", draft);
  const models = createModelRegistry();
  const flowsDir = recorded.flowsDir;

  const live = async () => {
    const flow = checkFlowDocument(draft, { models: models.names, flowsDir });
    const knowledge = await readKnowledgeFiles(flowsDir, flow.knowledge);
    const graph = compileGraph(flow, { checkpointer: new MemorySaver(), models, knowledge });
    let index = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (index < CONVERSATIONS) {
          const thread = `live-${crypto.randomUUID()}`;
          for (const text of messagesOf(index++))
            await runTurn(graph, thread, { kind: "user", text });
          await graph.checkpointer.deleteThread(thread);
        }
      }),
    );
  };

  let report = summarizeReplays([]);
  const inProcess = async () => {
    const source = await findReplaySource(
      recorded.flowService,
      recorded.knowledge,
      "support",
      "draft",
    );
    const target = await compileReplayTarget({ models, flowsDir }, source);
    const conversations = await loadRecordedConversations(database.db, {
      flowId: "support",
      last: CONVERSATIONS,
    });
    const replays: ConversationReplay[] = [];
    await replayMany(target, conversations, {
      models: "recorded",
      concurrency: CONCURRENCY,
      onReplayed: (replay) => replays.push(replay),
    });
    report = summarizeReplays(replays);
  };

  let stalls: number[] = [];
  const inWorker = async () => {
    let last = performance.now();
    let longest = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last - 10);
      last = now;
    }, 10);
    const job = await recorded.replays.startJob({ flowId: "support", last: CONVERSATIONS });
    while (recorded.replays.job(job.id).status === "running") await Bun.sleep(20);
    clearInterval(ticker);
    const done = recorded.replays.job(job.id);
    if (done.status !== "done" || done.replayed !== CONVERSATIONS)
      throw new Error(`the replay job ended ${done.status} after ${done.replayed}: ${done.error}`);
    stalls.push(longest);
  };

  const times = { live: [] as number[], inProcess: [] as number[], inWorker: [] as number[] };
  stalls = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, run] of [
      ["live", live],
      ["inProcess", inProcess],
      ["inWorker", inWorker],
    ] as const) {
      started = performance.now();
      await run();
      times[name].push(performance.now() - started);
    }
  }
  const baseline = line("live through the engine (baseline)", times.live);
  const replayed = line("replay, in-process", times.inProcess);
  const job = line("replay job, in its worker", times.inWorker);
  console.log(
    `\nreplay / live: ${(replayed / baseline).toFixed(2)}x in-process, ${(job / baseline).toFixed(2)}x as a job`,
  );
  console.log(
    `longest event-loop stall of the server thread during a job: ${median(stalls).toFixed(0)} ms (median of ${ROUNDS})`,
  );
  console.log(
    `changed: ${report.changed} of ${report.total} (route ${report.byKind.route.length}, reply ${report.byKind.reply.length}, intent ${report.byKind.intent.length}, ended ${report.byKind.ended.length})`,
  );
} finally {
  await recorded.dispose();
  await store.dispose();
}
