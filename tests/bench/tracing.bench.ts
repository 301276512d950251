/**
 * bun run bench:tracing — what tracing costs the thread that runs turns, in isolation: the
 * events of a two-step turn (an LLM classify, then an LLM answer with up to ten messages of
 * history) fed to a turn's trace and the trace ended, which hands it to the export worker.
 * The baseline, in the same run: the same events fed to tracing off. Both sides take their
 * rounds in turn. The figures: the main thread's CPU per turn (its run time in /proc), which
 * other processes' load hardly moves, and the other threads' (the export worker building and
 * sending the traces to the OTLP receiver stand-in, a process of its own), each round until the
 * worker has sent everything.
 *
 * Run: bun run bench:tracing   (BENCH_TURNS=20000 turns per round)
 *
 * Target (read, not asserted): at most 0.1 ms (100 µs) more of the main thread per turn.
 */
import { readdir, readFile } from "node:fs/promises";
import { AIMessage, type BaseMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import type { TurnEvent, TurnResult } from "@switchboard/engine";
import { startLangfuseTracing } from "../../runtime/src/tracing/langfuse-tracing.ts";
import { type Tracing, tracingOff } from "../../runtime/src/tracing/tracing.ts";
import { readTracingConfig } from "../../runtime/src/tracing/tracing-config.ts";
import { firstLine } from "./first-line.ts";

const TURNS = Number(process.env.BENCH_TURNS ?? 20_000);
const ROUNDS = 5;
const SYSTEM = "You are the Voltra Bikes assistant. Answer in one or two sentences.";
const QUESTIONS = [
  "Do you ship to Canada?",
  "What time do you open on Saturday?",
  "Hello there!",
  "How far does the City go on one charge?",
];

// The client only names itself and its parameters to the trace; it is never called here.
const chat = new FakeListChatModel({ responses: ["unused"] });

/** The conversation so far at turn `index` of a ten-turn conversation. */
function historyAt(index: number): BaseMessage[] {
  const messages: BaseMessage[] = [];
  for (let turn = 0; turn < index % 10; turn += 1) {
    messages.push(new HumanMessage(QUESTIONS[turn % QUESTIONS.length] as string));
    messages.push(new AIMessage("We ship to Canada in 5–7 business days; shipping is free."));
  }
  return messages;
}

function answerOf(text: string): AIMessage {
  return new AIMessage({
    content: text,
    usage_metadata: { input_tokens: 120, output_tokens: 24, total_tokens: 144 },
    response_metadata: { model_name: "bench-model", finish_reason: "stop" },
  });
}

/** One turn's events as the engine emits them for the two-step flow. */
function turnEvents(index: number): { events: TurnEvent[]; result: TurnResult } {
  const question = QUESTIONS[index % QUESTIONS.length] as string;
  const history = [...historyAt(index), new HumanMessage(question)];
  const reply = "We ship to Canada in 5–7 business days; shipping is free.";
  const intent = { name: "question", confidence: 0.92, source: "llm" };
  const events: TurnEvent[] = [
    {
      type: "node_start",
      nodeId: "classify",
      nodeType: "classify",
      state: { vars: {}, intent: null },
    },
    {
      type: "model_call",
      call: { nodeId: "classify", model: "default", provider: "vllm", latencyMs: 3, attempt: 1 },
      exchange: {
        chat,
        prompt: [
          new SystemMessage("Classify the user's message into one of: question, chat."),
          ...history,
        ],
        answer: answerOf('{"intent":"question"}'),
      },
    },
    {
      type: "node_end",
      nodeId: "classify",
      nodeType: "classify",
      durationMs: 3.2,
      route: "question",
      update: { bookkeeping: { intent } },
    },
    { type: "node_start", nodeId: "answer", nodeType: "llm", state: { vars: {}, intent } },
    ...reply
      .split(" ")
      .map((word): TurnEvent => ({ type: "token", nodeId: "answer", delta: `${word} ` })),
    {
      type: "model_call",
      call: { nodeId: "answer", model: "default", provider: "vllm", latencyMs: 4, attempt: 1 },
      exchange: { chat, prompt: [new SystemMessage(SYSTEM), ...history], answer: answerOf(reply) },
    },
    { type: "reply", nodeId: "answer", text: reply, author: "bot" },
    {
      type: "node_end",
      nodeId: "answer",
      nodeType: "llm",
      durationMs: 4.1,
      route: null,
      update: { messages: [answerOf(reply)] },
    },
  ];
  const result = {
    replies: [{ nodeId: "answer", text: reply, author: "bot" }],
    status: "waiting",
    visited: ["classify", "answer"],
    errors: [],
  } as unknown as TurnResult;
  return { events, result };
}

/**
 * Time a thread of this process has run so far, in ms: the scheduler's own count
 * (/proc/…/schedstat, in ns), not the tick-sampled user and system times, which charge a whole
 * tick to whichever thread it finds running.
 */
async function threadRunMs(tid: number): Promise<number> {
  const schedstat = await readFile(`/proc/${process.pid}/task/${tid}/schedstat`, "utf8");
  return Number(schedstat.split(" ")[0]) / 1e6;
}
const mainThreadCpuMs = () => threadRunMs(process.pid);

/** The run time of every thread of this process so far (the export worker's too), in ms. */
async function processCpuMs(): Promise<number> {
  const tids = await readdir(`/proc/${process.pid}/task`);
  const times = await Promise.all(tids.map((tid) => threadRunMs(Number(tid)).catch(() => 0)));
  return times.reduce((sum, ms) => sum + ms, 0);
}

interface RoundCost {
  /** µs per turn of the thread that runs turns. */
  main: number;
  /** µs per turn of the other threads: the export worker building and sending the traces. */
  others: number;
}

/**
 * Turns fed to `tracing`, as the turn runner feeds them, until the worker has sent them all:
 * the CPU per turn of the main thread and of the others.
 */
async function feedTurns(
  tracing: Tracing,
  turns: ReturnType<typeof turnEvents>[],
): Promise<RoundCost> {
  const before = await mainThreadCpuMs();
  const processBefore = await processCpuMs();
  for (let index = 0; index < TURNS; index += 1) {
    const { events, result } = turns[index % turns.length] as ReturnType<typeof turnEvents>;
    const trace = tracing.startTurn({
      turnId: crypto.randomUUID(),
      chatId: "chat-1",
      flowId: "two-step",
      flowVersion: 1,
      userId: "user-1",
      channel: "web",
      input: { kind: "user", text: QUESTIONS[index % QUESTIONS.length] as string },
    });
    for (const event of events) trace.record(event);
    trace.end(result);
    tracing.traceUrl(crypto.randomUUID());
    // Turns end a few at a time in a server; a burst of thousands would overrun the worker.
    if (index % 20 === 19) await Bun.sleep(1);
  }
  const main = (await mainThreadCpuMs()) - before;
  await tracing.flush();
  const all = (await processCpuMs()) - processBefore;
  const perTurn = 1000 / TURNS;
  return { main: main * perTurn, others: Math.max(0, all - main) * perTurn };
}

const receiver = Bun.spawn([process.execPath, `${import.meta.dir}/../stand-ins/otlp-receiver.ts`], {
  stdout: "pipe",
  stderr: "inherit",
});
const receiverEnv = JSON.parse(await firstLine(receiver.stdout)) as Record<string, string>;
const config = readTracingConfig(receiverEnv);
if (!config) throw new Error("the OTLP receiver stand-in gave no Langfuse settings");
// Queues as deep as a round's spans, so nothing is dropped and every trace costs all it does.
const tracingOn = startLangfuseTracing({ ...config, maxQueueSize: TURNS * 10 }, receiverEnv);
const turns = Array.from({ length: 10 }, (_, index) => turnEvents(index));

try {
  console.log(`tracing handoff: ${TURNS} two-step turns per round, ${ROUNDS} rounds each in turn`);
  await feedTurns(tracingOff, turns);
  await feedTurns(tracingOn, turns);
  const off: RoundCost[] = [];
  const on: RoundCost[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    off.push(await feedTurns(tracingOff, turns));
    on.push(await feedTurns(tracingOn, turns));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
  const figure = (values: number[]) =>
    `${median(values).toFixed(1).padStart(6)} µs/turn (${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)})`;
  const extra = (part: keyof RoundCost) =>
    on.map((cost, index) => cost[part] - (off[index]?.[part] ?? 0));
  console.log(`  main thread, tracing off     ${figure(off.map((cost) => cost.main))}`);
  console.log(`  main thread, tracing on      ${figure(on.map((cost) => cost.main))}`);
  const mainExtra = median(extra("main"));
  console.log(
    `  main thread, on − off        ${figure(extra("main"))}  (≤ 100 µs)  ${mainExtra <= 100 ? "ok" : "MISSED"}`,
  );
  console.log(`  other threads, on − off      ${figure(extra("others"))}  (the export worker)`);
  const stats = await tracingOn.stats();
  if (stats.enabled)
    console.log(`  worker: ${stats.exported} spans exported, ${stats.dropped} dropped`);
} finally {
  await tracingOn.shutdown();
  receiver.kill();
}
