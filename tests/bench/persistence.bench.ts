/**
 * What persistence costs: checkpoint put+getTuple pairs per second, and the time a conversation
 * turn gains with the Kysely saver on SQLite and PostgreSQL over LangGraph's in-memory saver, at
 * 1 and 20 conversations at once. Prints figures only; the target (under 2 ms added per turn at
 * the median on SQLite) is read, not asserted.
 *
 * Run: bun run bench:persistence   (PostgreSQL from TEST_DATABASE_URL, skipped when unreachable)
 */
import { tmpdir } from "node:os";
import { Annotation, END, MemorySaver, START, StateGraph } from "@langchain/langgraph";
import { emptyCheckpoint, uuid6 } from "@langchain/langgraph-checkpoint";
import type { Database } from "../../runtime/src/db/database.ts";
import { KyselyCheckpointSaver } from "../../runtime/src/db/kysely-checkpoint-saver.ts";
import { createTestStore, POSTGRES_URL, type TestStore } from "../runtime/db/test-database.ts";

const PAIRS_PER_CONVERSATION = 100;
const TURNS_PER_CONVERSATION = 10;
const SOLO_TURNS = 200;
const CONCURRENCIES = [1, 20] as const;

type Saver = KyselyCheckpointSaver | MemorySaver;
interface Backend {
  name: string;
  saver: () => Saver;
  close(): Promise<void>;
}

const State = Annotation.Root({
  messages: Annotation<string[]>({
    reducer: (left, right) => left.concat(right),
    default: () => [],
  }),
  intent: Annotation<string>(),
});

/** The shape of a chat flow: classify the message, then answer it; no model, so only storage shows. */
function compileChatGraph(checkpointer: Saver) {
  return new StateGraph(State)
    .addNode("classify", (state) => ({
      intent: state.messages.at(-1)?.includes("?") ? "faq" : "chat",
    }))
    .addNode("answer", (state) => ({
      messages: [`(${state.intent}) thanks for message ${state.messages.length}`],
    }))
    .addEdge(START, "classify")
    .addEdge("classify", "answer")
    .addEdge("answer", END)
    .compile({ checkpointer });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const p95 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)] ?? Number.NaN;

/** Each of `concurrency` conversations puts a checkpoint and reads it back, again and again. */
async function measurePairs(saver: Saver, concurrency: number): Promise<number> {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      let config = { configurable: { thread_id: crypto.randomUUID(), checkpoint_ns: "" } };
      const messages: string[] = [];
      for (let step = 0; step < PAIRS_PER_CONVERSATION; step += 1) {
        messages.push(`message ${step} of a conversation about e-bike batteries and their range`);
        const checkpoint = {
          ...emptyCheckpoint(),
          id: uuid6(-1),
          channel_values: { messages: [...messages] },
          channel_versions: { messages: step + 1 },
        };
        config = (await saver.put(
          config,
          checkpoint,
          { source: "loop", step, parents: {} },
          {
            messages: step + 1,
          },
        )) as typeof config;
        await saver.getTuple(config);
      }
    }),
  );
  return (concurrency * PAIRS_PER_CONVERSATION) / ((performance.now() - started) / 1000);
}

/** Per-turn latencies of `concurrency` conversations taking `turns` turns each. */
async function measureTurns(saver: Saver, concurrency: number, turns: number): Promise<number[]> {
  const graph = compileChatGraph(saver);
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const config = {
        configurable: { thread_id: crypto.randomUUID() },
        durability: "sync" as const,
      };
      for (let turn = 0; turn < turns; turn += 1) {
        const started = performance.now();
        await graph.invoke({ messages: [`question ${turn}?`] }, config);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies;
}

async function openBackends(): Promise<Backend[]> {
  const backends: Backend[] = [
    { name: "memory", saver: () => new MemorySaver(), close: async () => {} },
  ];
  const stores: [string, TestStore][] = [
    ["sqlite", createTestStore("sqlite")],
    ["postgres", createTestStore("postgres")],
  ];
  for (const [name, store] of stores) {
    let database: Database;
    try {
      database = await store.open();
    } catch (error) {
      console.log(`${name}: skipped (${(error as Error).message})`);
      continue;
    }
    backends.push({
      name,
      saver: () => new KyselyCheckpointSaver(database.db),
      close: () => store.dispose(),
    });
  }
  return backends;
}

const format = (value: number, digits = 2) => value.toFixed(digits).padStart(9);

console.log(
  `persistence benchmark (SQLite in ${tmpdir()}, PostgreSQL at ${POSTGRES_URL.replace(/\/\/[^@]*@/, "//")})`,
);
const backends = await openBackends();
try {
  console.log("\ncheckpoint put + getTuple pairs per second");
  console.log(
    `${"backend".padEnd(10)}${CONCURRENCIES.map((c) => `${c} conv.`.padStart(12)).join("")}`,
  );
  for (const backend of backends) {
    const rates: number[] = [];
    for (const concurrency of CONCURRENCIES)
      rates.push(await measurePairs(backend.saver(), concurrency));
    console.log(
      `${backend.name.padEnd(10)}${rates.map((rate) => format(rate, 0).padStart(12)).join("")}`,
    );
  }

  console.log("\nconversation turn (2-node graph, durability sync), ms per turn");
  console.log(
    `${"backend".padEnd(10)}${"conv.".padStart(6)}${"p50".padStart(9)}${"p95".padStart(9)}${"added p50".padStart(11)}${"ratio".padStart(8)}`,
  );
  const baseline = new Map<number, number>();
  for (const backend of backends) {
    for (const concurrency of CONCURRENCIES) {
      const saver = backend.saver();
      await measureTurns(saver, concurrency, 3); // warm-up: compile paths, prepared statements, pool
      const turns = concurrency === 1 ? SOLO_TURNS : TURNS_PER_CONVERSATION;
      const latencies = await measureTurns(saver, concurrency, turns);
      const p50 = median(latencies);
      if (backend.name === "memory") baseline.set(concurrency, p50);
      const base = baseline.get(concurrency) ?? p50;
      console.log(
        `${backend.name.padEnd(10)}${String(concurrency).padStart(6)}${format(p50)}${format(p95(latencies))}${format(p50 - base, 2).padStart(11)}${format(p50 / base, 1).padStart(8)}`,
      );
    }
  }
} finally {
  await Promise.all(backends.map((backend) => backend.close()));
}
