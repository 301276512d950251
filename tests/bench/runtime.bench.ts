/**
 * bun run bench:runtime — the runtime server under load, measured from outside: `switchboard
 * serve` runs as a child process on SQLite in a temporary data directory, and this process drives
 * N concurrent WebSocket conversations (1, 20, 200, 1,000), each a few turns long, through
 *
 * - the `support` flow on the local model, and
 * - a two-step flow (an LLM `classify`, then an LLM answer) on the `vllm` provider against the
 *   OpenAI-compatible stand-in answering at once,
 *
 * printing turns/s, p50/p95/p99 turn latency (message sent → `end` received), the server's CPU
 * ms per turn (/proc/<pid>/stat) and its peak RSS during the step (VmHWM, reset before each step;
 * each step has a fresh server, warmed up).
 * The floor, in the same run: the same two-step graph written with plain `@langchain/langgraph`,
 * the provider's `ChatOpenAI` and `MemorySaver`, invoked in this process (its CPU and peak RSS
 * are this process's). The stand-in model runs as a process of its own, so neither side pays for
 * it. Between them, at 20 conversations, the layers the server adds to the floor, in this process:
 * the engine alone, then with the runtime's chat service on SQLite (the server adds the WebSocket
 * transport to that). Then the floor and a server on the two-step flow at 20 conversations, their
 * steps taken in turn, for the targets. Then two servers side by side, Langfuse tracing off and on
 * (against the OTLP receiver stand-in, also a process of its own, so that decoding the spans
 * doesn't compete with the clients), their steps taken in turn.
 *
 * Run: bun run bench:runtime   (BENCH_SERIES=floor,layers,two-step,support,comparison,tracing
 * picks series; BENCH_CONVERSATIONS=1,20,200,1000 picks steps; BENCH_PROFILE_DIR=dir runs each
 * server under `bun --cpu-prof` and keeps its profiles there)
 *
 * Targets at 20 conversations, from the comparison's steps (read, not asserted): at least 0.75x
 * the floor's turns/s, p99 under 120 ms, under 4 ms server CPU per turn, under 200 MB peak RSS;
 * 1,000 open conversations under 300 MB; tracing on within 3% of tracing off, and at most 0.1 ms
 * more of the main thread's CPU per turn (the export worker builds the spans).
 */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AIMessage, type BaseMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";
import {
  Annotation,
  END,
  MemorySaver,
  messagesStateReducer,
  START,
  StateGraph,
} from "@langchain/langgraph";
import {
  type ChatFlowModel,
  compileGraph,
  createModelRegistry,
  type ModelRegistry,
  parseModelCatalog,
  runTurn,
  validateFlow,
} from "@switchboard/engine";
import { loadServerConfig } from "../../runtime/src/config/server-config.ts";
import type { ChatService } from "../../runtime/src/conversations/chat-service.ts";
import { createServices } from "../../runtime/src/services.ts";
import type { ServerEvent } from "../../runtime/src/web-chat/server-event.ts";
import { toServerEvents } from "../../runtime/src/web-chat/to-server-events.ts";
import { type ServeProcess, startServeProcess } from "../runtime/scale/serve-process.ts";
import { firstLine } from "./first-line.ts";

/** Which series to run (default all): floor, layers, two-step, support, comparison, tracing. */
const SERIES = new Set(
  (process.env.BENCH_SERIES ?? "floor,layers,two-step,support,comparison,tracing")
    .split(",")
    .map((s) => s.trim()),
);
/** When set, each server runs under `bun --cpu-prof` and writes its profile (and a Markdown summary) here. */
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;

/**
 * Conversations at once, each of `turns` turns, and how many each of them has one after another
 * (a conversation's state grows with its length, so long ones would measure that instead). The
 * 1,000 step holds 1,000 sockets open for a couple of turns each.
 */
interface Step {
  conversations: number;
  turns: number;
  rounds: number;
}
const ALL_STEPS: readonly Step[] = [
  { conversations: 1, turns: 10, rounds: 10 },
  { conversations: 20, turns: 10, rounds: 3 },
  { conversations: 200, turns: 5, rounds: 1 },
  { conversations: 1000, turns: 2, rounds: 1 },
];
/** BENCH_CONVERSATIONS=20,1000 runs only those steps (default all). */
const STEPS = process.env.BENCH_CONVERSATIONS
  ? ALL_STEPS.filter((step) =>
      process.env.BENCH_CONVERSATIONS?.split(",").map(Number).includes(step.conversations),
    )
  : ALL_STEPS;
const SUPPORT_SCRIPT = [
  "hi there",
  "what time do you open on saturday?",
  "do you offer financing",
  "how long does delivery take",
  "asdf qwerty zxcv",
];
const QUESTIONS = [
  "Do you ship to Canada?",
  "What time do you open on Saturday?",
  "Hello there!",
  "How far does the City go on one charge?",
];
const SYSTEM = "You are the Voltra Bikes assistant. Answer in one or two sentences.";

const TWO_STEP_FLOW = {
  id: "two-step",
  name: "Two-step benchmark flow",
  version: 1,
  entry: "classify",
  models: ["default"],
  nodes: [
    {
      id: "classify",
      type: "classify",
      config: {
        intents: [
          {
            name: "question",
            description: "A question about Voltra's e-bikes, the store or an order.",
            examples: ["Do you ship to Canada?", "What time do you open?"],
          },
          {
            name: "chat",
            description: "Small talk: greetings, thanks, anything else.",
            examples: ["hello there", "thanks!"],
          },
        ],
      },
    },
    {
      id: "answer",
      type: "llm",
      config: {
        system: SYSTEM,
        prompt: "{{last_message}}",
        fallback: "Sorry, I can't answer that right now.",
        maxTokens: 200,
        history: 10,
      },
    },
  ],
  edges: [
    { source: "classify", target: "answer", branch: "question" },
    { source: "classify", target: "answer", branch: "chat" },
    { source: "classify", target: "answer", branch: "fallback" },
    { source: "answer", target: "classify" },
  ],
};

interface StepResult {
  conversations: number;
  turns: number;
  errors: number;
  turnsPerSecond: number;
  latencies: number[];
  cpuMsPerTurn?: number;
  /** The part of it on the server's main thread, which runs every turn and bounds turns/s. */
  mainCpuMsPerTurn?: number;
  peakRssMb?: number;
  /** The server's RSS with every socket of the step open, before any message. */
  openRssMb?: number;
}

// --- the server process, from outside ---------------------------------------------------------

/**
 * CPU time the process (user + system, tick-sampled) or only its main thread has used so far, in
 * ms. The main thread's is its run time as the scheduler counts it (/proc/…/schedstat, in ns):
 * tick sampling charges a whole tick to whichever thread it finds running, too coarse to tell
 * a tenth of a millisecond per turn.
 */
async function cpuMs(pid: number, thread: "all" | "main" = "all"): Promise<number> {
  if (thread === "main") {
    const schedstat = await readFile(`/proc/${pid}/task/${pid}/schedstat`, "utf8");
    return Number(schedstat.split(" ")[0]) / 1e6;
  }
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  return (ticks * 1000) / CLOCK_TICKS;
}
const CLOCK_TICKS = Number(Bun.spawnSync(["getconf", "CLK_TCK"]).stdout.toString().trim() || "100");

async function memoryMb(pid: number, field: "VmHWM" | "VmRSS"): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = Number(status.match(new RegExp(`${field}:\\s+(\\d+) kB`))?.[1]);
  return kb / 1024;
}

/** Resets the process's peak RSS to its current RSS, so VmHWM reads the peak of one step. */
function resetPeak(pid: number): Promise<void> {
  return writeFile(`/proc/${pid}/clear_refs`, "5");
}

// --- WebSocket conversations ----------------------------------------------------------------

interface Conversation {
  /** Sends a message and resolves with the turn's latency once its `end` (or `error`) arrives. */
  turn(question: string): Promise<{ ms: number; ok: boolean }>;
  /** The next message starts a new chat on the same socket. */
  restart(): void;
  close(): void;
}

async function openConversation(wsUrl: string, userId: string, flow: string) {
  const socket = new WebSocket(wsUrl);
  let chatId: string | null = null;
  let waiting: ((ok: boolean) => void) | undefined;
  await new Promise<void>((resolve, reject) => {
    socket.onmessage = (message) => {
      const event = JSON.parse(String(message.data)) as ServerEvent;
      if (event.type === "connected") resolve();
      else if (event.type === "start") chatId = event.chat_id;
      else if (event.type === "end" || event.type === "error") waiting?.(event.type === "end");
    };
    socket.onerror = () => reject(new Error(`could not connect to ${wsUrl}`));
  });
  const conversation: Conversation = {
    async turn(question) {
      const started = performance.now();
      const ok = await new Promise<boolean>((resolve) => {
        waiting = resolve;
        // The flow is named once, as a client starting a chat does; later turns name the chat.
        const target = chatId ? { chat_id: chatId } : { flow };
        socket.send(JSON.stringify({ user_id: userId, question, ...target }));
      });
      return { ms: performance.now() - started, ok };
    },
    restart: () => {
      chatId = null;
    },
    close: () => socket.close(),
  };
  return conversation;
}

/** N conversations at once over the server; CPU and peak RSS of the server. */
async function runServerStep(
  server: ServeProcess,
  flow: string,
  script: string[],
  { conversations, turns, rounds }: Step,
): Promise<StepResult> {
  const pid = server.child.pid;
  const opened: Conversation[] = [];
  // Opened in batches, so the step measures the conversations rather than a connection storm.
  for (let i = 0; i < conversations; i += 100) {
    const batch = Array.from({ length: Math.min(100, conversations - i) }, (_, j) =>
      openConversation(server.wsUrl, `user-${flow}-${conversations}-${i + j}`, flow),
    );
    opened.push(...(await Promise.all(batch)));
  }
  const openRssMb = await memoryMb(pid, "VmRSS");
  await resetPeak(pid);
  const cpuBefore = await cpuMs(pid);
  const mainCpuBefore = await cpuMs(pid, "main");
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    opened.map(async (conversation, index) => {
      for (let round = 0; round < rounds; round += 1) {
        conversation.restart();
        for (let turn = 0; turn < turns; turn += 1) {
          const question = script[(index + round + turn) % script.length] as string;
          const { ms, ok } = await conversation.turn(question);
          if (ok) latencies.push(ms);
          else errors += 1;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = (await cpuMs(pid)) - cpuBefore;
  const mainCpu = (await cpuMs(pid, "main")) - mainCpuBefore;
  const peakRssMb = await memoryMb(pid, "VmHWM");
  for (const conversation of opened) conversation.close();
  const done = conversations * turns * rounds;
  return {
    conversations,
    turns: done,
    errors,
    turnsPerSecond: (done - errors) / seconds,
    latencies,
    cpuMsPerTurn: cpu / done,
    mainCpuMsPerTurn: mainCpu / done,
    peakRssMb,
    openRssMb,
  };
}

// --- the floor: the same two-step graph in plain LangGraph --------------------------------------

function compileFloorGraph(model: ChatFlowModel) {
  const State = Annotation.Root({
    messages: Annotation<BaseMessage[]>({ reducer: messagesStateReducer, default: () => [] }),
    intent: Annotation<string>(),
  });
  const classifyPrompt = new SystemMessage(
    'Classify the user\'s latest message as "question" or "chat". Answer with JSON only: {"intent": "<name>", "confidence": <0..1>}.',
  );
  const responseFormat = {
    type: "json_schema",
    json_schema: {
      name: "intent",
      schema: {
        type: "object",
        properties: {
          intent: { type: "string", enum: ["question", "chat", "none"] },
          confidence: { type: "number" },
        },
        required: ["intent", "confidence"],
      },
    },
  };
  /** Both calls stream, as the engine's do (JSON answers too, for vLLM's guided decoding). */
  const streamText = async (messages: BaseMessage[], options: object = {}) => {
    let text = "";
    for await (const chunk of await model.chat.stream(messages, options))
      text += String(chunk.content);
    return text;
  };
  return new StateGraph(State)
    .addNode("classify", async (state) => {
      const text = await streamText([classifyPrompt, ...state.messages.slice(-6)], {
        response_format: responseFormat,
        temperature: 0,
      });
      return { intent: String((JSON.parse(text) as { intent: string }).intent) };
    })
    .addNode("answer", async (state) => ({
      messages: [new AIMessage(await streamText([new SystemMessage(SYSTEM), ...state.messages]))],
    }))
    .addEdge(START, "classify")
    .addEdge("classify", "answer")
    .addEdge("answer", END)
    .compile({ checkpointer: new MemorySaver() });
}

/**
 * N conversations at once in this process: `turn` answers one message of the conversation `key`
 * (a new key for each round). CPU and peak RSS are this process's: the graph, its clients and
 * what the benchmark itself holds.
 */
async function runInProcessStep(
  turn: (key: string, question: string) => Promise<unknown>,
  { conversations, turns, rounds }: Step,
): Promise<StepResult> {
  const latencies: number[] = [];
  await resetPeak(process.pid);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: conversations }, async (_, index) => {
      for (let round = 0; round < rounds; round += 1) {
        const key = crypto.randomUUID();
        for (let turnIndex = 0; turnIndex < turns; turnIndex += 1) {
          const question = QUESTIONS[(index + round + turnIndex) % QUESTIONS.length] as string;
          const begun = performance.now();
          await turn(key, question);
          latencies.push(performance.now() - begun);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const done = conversations * turns * rounds;
  return {
    conversations,
    turns: done,
    errors: 0,
    turnsPerSecond: done / seconds,
    latencies,
    cpuMsPerTurn: (cpu.user + cpu.system) / 1000 / done,
    peakRssMb: await memoryMb(process.pid, "VmHWM"),
  };
}

function floorTurns(model: ChatFlowModel) {
  const graph = compileFloorGraph(model);
  return (thread: string, question: string) =>
    graph.invoke(
      { messages: [new HumanMessage(question)] },
      { configurable: { thread_id: thread } },
    );
}

// --- the layers in between, in this process -----------------------------------------------------

/** The engine alone: the two-step flow compiled by Switchboard, on `MemorySaver`, no database. */
function engineTurns(models: ModelRegistry) {
  const result = validateFlow(TWO_STEP_FLOW, { models: models.names });
  if (!result.ok)
    throw new Error(`the two-step flow does not validate: ${result.problems[0]?.message}`);
  const graph = compileGraph(result.flow, { checkpointer: new MemorySaver(), models });
  return (thread: string, question: string) =>
    runTurn(graph, thread, { kind: "user", text: question });
}

/** The runtime's chat service, as the server runs a socket's messages, without the socket. */
function serviceTurns(chats: ChatService) {
  const chatIds = new Map<string, string>();
  return (conversation: string, question: string) => {
    const chatId = chatIds.get(conversation);
    const target = chatId ? { chatId } : { flow: TWO_STEP_FLOW.id };
    const message = { userId: conversation, channel: "web", text: question, ...target };
    // What the route does with each event before it goes to the socket.
    const toSocket = toServerEvents((event) => JSON.stringify(event));
    return chats.sendMessage(message, (event) => {
      toSocket(event);
      if (event.type === "turn_started") chatIds.set(conversation, event.chatId);
      if (event.type === "turn_failed") throw new Error(`a turn failed: ${String(event.error)}`);
    });
  };
}

/** Steps each layer takes, in turn with the others, so a change in the machine's load falls on all. */
const LAYER_ROUNDS = 4;

/**
 * The two-step flow at 20 conversations through each layer the server adds to the floor, all
 * in this process, their steps taken in turn: the floor, the engine alone, then the engine with
 * the chat service on SQLite (persistence, the run record, the chat's lock and events) in a
 * temporary data directory. The server's own step adds the WebSocket transport and a process of
 * its own.
 */
async function layerSeries(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), "switchboard-bench-layers-"));
  const env = { ...vllmEnv, DATA_DIR: dataDir, CONFIG_FILE: "" };
  const services = await createServices(await loadServerConfig(env), { env, announce: () => {} });
  const step = ALL_STEPS.find((candidate) => candidate.conversations === 20) as Step;
  const layers = [
    ["the floor", floorTurns(services.models.get("vllm") as ChatFlowModel)],
    ["the engine alone (compiled flow, runTurn, MemorySaver)", engineTurns(services.models)],
    ["the engine and the chat service on SQLite", serviceTurns(services.chats)],
  ] as const;
  try {
    for (const [, turn] of layers) await runInProcessStep(turn, WARM_UP);
    const steps = layers.map((layer) => () => runInProcessStep(layer[1], step));
    const results = await stepsInTurn(steps, LAYER_ROUNDS);
    printHeader(
      `two-step flow at 20 conversations, layer by layer, in-process, ${LAYER_ROUNDS} steps each in turn`,
    );
    for (const [index, [name]] of layers.entries()) {
      console.log(`  ${name}`);
      // This process's peak holds every layer at once: not one layer's own.
      printStep({ ...(results[index] as StepResult), peakRssMb: undefined }, results[0]);
    }
  } finally {
    await services.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

// --- reporting --------------------------------------------------------------------------------

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

const column = (text: string | number, width = 9) => String(text).padStart(width);
const fixed = (value: number | undefined, digits = 1) =>
  value === undefined ? "—" : value.toFixed(digits);

function printHeader(title: string): void {
  console.log(`\n${title}`);
  console.log(
    `${"conv.".padStart(6)}${column("turns")}${column("errors")}${column("turns/s")}${column("p50 ms")}${column("p95 ms")}${column("p99 ms")}${column("CPU/turn")}${column("peak RSS")}${column("vs floor")}`,
  );
}

function printStep(result: StepResult, floor?: StepResult): void {
  const ratio = floor ? `${(result.turnsPerSecond / floor.turnsPerSecond).toFixed(2)}x` : "";
  console.log(
    `${column(result.conversations, 6)}${column(result.turns)}${column(result.errors)}${column(fixed(result.turnsPerSecond, 0))}${column(fixed(percentile(result.latencies, 0.5)))}${column(fixed(percentile(result.latencies, 0.95)))}${column(fixed(percentile(result.latencies, 0.99)))}${column(result.cpuMsPerTurn === undefined ? "—" : `${fixed(result.cpuMsPerTurn, 2)} ms`)}${column(result.peakRssMb === undefined ? "—" : `${fixed(result.peakRssMb, 0)} MB`)}${column(ratio)}`,
  );
}

// --- the run ----------------------------------------------------------------------------------

const MODEL = "bench-model";
const standIn = Bun.spawn([process.execPath, join(import.meta.dir, "stand-in-model.ts"), MODEL], {
  stdout: "pipe",
});
const modelUrl = await firstLine(standIn.stdout);
const receiver = Bun.spawn(
  [process.execPath, join(import.meta.dir, "..", "stand-ins", "otlp-receiver.ts")],
  {
    stdout: "pipe",
  },
);
const receiverEnv = JSON.parse(await firstLine(receiver.stdout)) as Record<string, string>;
const flowsDir = await mkdtemp(join(tmpdir(), "switchboard-bench-flows-"));
await cp(join(import.meta.dir, "..", "..", "flows"), flowsDir, { recursive: true });
await writeFile(join(flowsDir, "two-step.flow.json"), JSON.stringify(TWO_STEP_FLOW, null, 2));

const baseEnv = {
  FLOWS_DIR: flowsDir,
  ADMIN_TOKEN: "bench-admin-token-0123456789",
  RATE_LIMIT_PER_MINUTE: "10000000",
  // Every benchmark socket comes from 127.0.0.1, one anonymous visitor each.
  RATE_LIMIT_PER_ADDRESS_PER_MINUTE: "10000000",
  MAX_WS_CONNECTIONS: "5000",
};
const vllmEnv = {
  ...baseEnv,
  VLLM_BASE_URL: modelUrl,
  VLLM_MODEL: MODEL,
  DEFAULT_MODEL: "vllm",
};

const profileArgs = () =>
  PROFILE_DIR ? ["--cpu-prof", "--cpu-prof-md", `--cpu-prof-dir=${PROFILE_DIR}`] : [];

/**
 * The warm-up, for the servers and the floor alike: 1,000 turns, through the first and busiest
 * stretch of JavaScriptCore's compiling hot code on background threads, which would count against
 * a fresh server but hardly against the floor, running in this long-lived process. Its optimizing
 * tier goes on for thousands of turns more (about 1 ms of CPU per turn at first); warming both
 * sides for 4,000 turns lowered their CPU per turn but not the ratio of their turns per second.
 */
const WARM_UP: Step = { conversations: 20, turns: 10, rounds: 5 };

/** A server warmed up: compiled paths, prepared statements, the model client's connections. */
async function startWarmServer(env: Record<string, string>, flow: string, script: string[]) {
  const server = await startServeProcess(env, profileArgs());
  await runServerStep(server, flow, script, WARM_UP);
  return server;
}

async function stopServer(server: ServeProcess): Promise<void> {
  const code = await server.stop();
  if (code !== 0) console.log(`server exited with ${code}:\n${server.output()}`);
}

/** Each step on a fresh server (new data directory), so no step's memory is the next one's. */
async function serverSeries(
  title: string,
  env: Record<string, string>,
  flow: string,
  script: string[],
  floor?: Map<number, StepResult>,
): Promise<Map<number, StepResult>> {
  const results = new Map<number, StepResult>();
  printHeader(title);
  for (const step of STEPS) {
    const server = await startWarmServer(env, flow, script);
    try {
      const result = await runServerStep(server, flow, script, step);
      results.set(step.conversations, result);
      printStep(result, floor?.get(step.conversations));
    } finally {
      await stopServer(server);
    }
  }
  return results;
}

/** Adds up steps run one after another into one result. */
function combine(results: StepResult[]): StepResult {
  const turns = results.reduce((sum, result) => sum + result.turns, 0);
  const seconds = results.reduce((sum, result) => sum + result.turns / result.turnsPerSecond, 0);
  const cpuOf = (ms: (result: StepResult) => number | undefined) =>
    results.reduce((sum, result) => sum + (ms(result) ?? 0) * result.turns, 0) / turns;
  return {
    conversations: results[0]?.conversations ?? 0,
    turns,
    errors: results.reduce((sum, result) => sum + result.errors, 0),
    turnsPerSecond: turns / seconds,
    latencies: results.flatMap((result) => result.latencies),
    cpuMsPerTurn: cpuOf((result) => result.cpuMsPerTurn),
    mainCpuMsPerTurn: cpuOf((result) => result.mainCpuMsPerTurn),
    peakRssMb: Math.max(...results.map((result) => result.peakRssMb ?? 0)),
  };
}

/**
 * Each side takes a step in turn, `rounds` times over, so a change in the machine's load falls on
 * every side alike; each side's steps combined, in the order of `sides`.
 */
async function stepsInTurn(
  sides: (() => Promise<StepResult>)[],
  rounds: number,
): Promise<StepResult[]> {
  const runs = sides.map((): StepResult[] => []);
  for (let round = 0; round < rounds; round += 1)
    for (const [index, step] of sides.entries()) runs[index]?.push(await step());
  return runs.map(combine);
}

/** Steps each server of the tracing comparison takes: fewer left its figure to the machine's noise. */
const TRACING_ROUNDS = 8;

/**
 * Tracing off against tracing on, at 20 conversations: two servers up side by side, their steps
 * taken in turn, so a change in the machine's load falls on both alike.
 */
async function tracingComparison(): Promise<[StepResult, StepResult]> {
  const tracedEnv = { ...vllmEnv, ...receiverEnv };
  const step = { conversations: 20, turns: 10, rounds: 1 };
  const off = await startWarmServer(vllmEnv, "two-step", QUESTIONS);
  const on = await startWarmServer(tracedEnv, "two-step", QUESTIONS);
  try {
    const [offResult, onResult] = await stepsInTurn(
      [off, on].map((server) => () => runServerStep(server, "two-step", QUESTIONS, step)),
      TRACING_ROUNDS,
    );
    return [offResult as StepResult, onResult as StepResult];
  } finally {
    await Promise.all([stopServer(off), stopServer(on)]);
  }
}

/** Steps each side of the floor comparison takes. */
const COMPARISON_ROUNDS = 4;

/**
 * The floor against the server on the two-step flow at 20 conversations, their steps taken in
 * turn, as the tracing comparison does: measured one after the other, a change in the machine's
 * load between them moved their ratio by tens of percent from run to run.
 */
async function floorComparison(
  floorTurn: (key: string, question: string) => Promise<unknown>,
): Promise<[StepResult, StepResult]> {
  const step = ALL_STEPS.find((candidate) => candidate.conversations === 20) as Step;
  const server = await startWarmServer(vllmEnv, "two-step", QUESTIONS);
  try {
    const [floorResult, serverResult] = await stepsInTurn(
      [
        () => runInProcessStep(floorTurn, step),
        () => runServerStep(server, "two-step", QUESTIONS, step),
      ],
      COMPARISON_ROUNDS,
    );
    return [floorResult as StepResult, serverResult as StepResult];
  } finally {
    await stopServer(server);
  }
}

try {
  console.log(
    `runtime benchmark: server on SQLite as a child process, ${navigator.hardwareConcurrency} CPUs`,
  );

  const registry = createModelRegistry(
    parseModelCatalog({ models: { vllm: { provider: "vllm", baseUrl: modelUrl, model: MODEL } } }),
  );
  const floorTurn = floorTurns(registry.get("vllm") as ChatFlowModel);
  const floor = new Map<number, StepResult>();
  if (SERIES.has("floor") || SERIES.has("comparison")) await runInProcessStep(floorTurn, WARM_UP);
  if (SERIES.has("floor")) {
    printHeader(
      "floor: the two-step graph in plain LangGraph + ChatOpenAI + MemorySaver, in-process",
    );
    for (const step of STEPS) {
      const result = await runInProcessStep(floorTurn, step);
      floor.set(step.conversations, result);
      printStep(result);
    }
  }

  if (SERIES.has("layers")) await layerSeries();

  const twoStep = SERIES.has("two-step")
    ? await serverSeries(
        "two-step flow (LLM classify + LLM answer) on vllm → stand-in",
        vllmEnv,
        "two-step",
        QUESTIONS,
        floor,
      )
    : new Map<number, StepResult>();
  if (SERIES.has("support"))
    await serverSeries("support flow on the local model", baseEnv, "support", SUPPORT_SCRIPT);
  let compared: [StepResult, StepResult] | undefined;
  if (SERIES.has("comparison")) {
    compared = await floorComparison(floorTurn);
    printHeader(
      `two-step flow at 20 conversations, the floor then the server, ${COMPARISON_ROUNDS} steps each in turn`,
    );
    printStep(compared[0]);
    printStep(compared[1], compared[0]);
  }
  let tracing: [StepResult, StepResult] | undefined;
  if (SERIES.has("tracing")) {
    tracing = await tracingComparison();
    printHeader(
      `two-step flow at 20 conversations, Langfuse tracing off then on (OTLP receiver stand-in), ${TRACING_ROUNDS} steps each in turn`,
    );
    for (const result of tracing) printStep(result, compared?.[0] ?? floor.get(20));
  }

  const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
  // The comparison's server steps, taken in turn with the floor's, when it ran.
  const at20 = compared?.[1] ?? twoStep.get(20);
  const floorAt20 = compared?.[0] ?? floor.get(20);
  const open1000 = twoStep.get(1000);
  if (at20) {
    const p99 = percentile(at20.latencies, 0.99);
    console.log("\ntargets, two-step flow at 20 conversations");
    if (floorAt20) {
      const ratio = at20.turnsPerSecond / floorAt20.turnsPerSecond;
      console.log(
        `  throughput vs floor  ${ratio.toFixed(2)}x (≥ 0.75x)  ${verdict(ratio >= 0.75)}`,
      );
    }
    console.log(`  p99 latency          ${p99.toFixed(1)} ms (< 120 ms)  ${verdict(p99 < 120)}`);
    console.log(
      `  server CPU per turn  ${fixed(at20.cpuMsPerTurn, 2)} ms (< 4 ms)  ${verdict((at20.cpuMsPerTurn ?? 99) < 4)}`,
    );
    console.log(
      `  peak RSS             ${fixed(at20.peakRssMb, 0)} MB (< 200 MB)  ${verdict((at20.peakRssMb ?? 999) < 200)}`,
    );
    if (open1000)
      console.log(
        `  1,000 open conv. RSS ${fixed(open1000.peakRssMb, 0)} MB (< 300 MB)  ${verdict((open1000.peakRssMb ?? 999) < 300)}  (peak while all 1,000 send; ${fixed(open1000.openRssMb, 0)} MB with them open and idle)`,
      );
  }
  if (tracing) {
    const [off, on] = tracing;
    const cost = 1 - on.turnsPerSecond / off.turnsPerSecond;
    const cpu = (on.cpuMsPerTurn ?? 0) / (off.cpuMsPerTurn ?? 1) - 1;
    const mainMs = (on.mainCpuMsPerTurn ?? 0) - (off.mainCpuMsPerTurn ?? 0);
    console.log(
      `  tracing on           ${(cost * 100).toFixed(1)}% fewer turns/s (≤ 3%), ${(cpu * 100).toFixed(0)}% more server CPU per turn (main thread: ${mainMs >= 0 ? "+" : ""}${mainMs.toFixed(2)} ms of ${fixed(off.mainCpuMsPerTurn, 2)}, ≤ 0.1 ms)  ${verdict(cost <= 0.03 && mainMs <= 0.1)}`,
    );
  }
} finally {
  standIn.kill();
  receiver.kill();
  await rm(flowsDir, { recursive: true, force: true });
}
