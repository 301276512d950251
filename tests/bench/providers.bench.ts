/**
 * bun run bench:providers — what Switchboard's provider layer (callModel: retries, the
 * per-attempt timeout, fallbacks, call records; chatText: context fitting, token events) adds to
 * time-to-first-token and to the whole answer, against streaming from the same ChatOpenAI
 * instance directly. Both stream from the OpenAI-compatible stand-in at a fixed token rate, in
 * alternating order, and the overhead is read from the paired differences.
 */
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import {
  createModelRegistry,
  type Flow,
  parseModelCatalog,
  validateFlow,
} from "@switchboard/engine";
import { callModel } from "../../engine/src/models/call-model.ts";
import { chatText } from "../../engine/src/models/chat-text.ts";
import type { ChatFlowModel } from "../../engine/src/models/model.ts";
import type { RunContext } from "../../engine/src/nodes/node-runner.ts";
import type { TurnEvent } from "../../engine/src/turn/turn-event.ts";
import { startOpenAIServer } from "../stand-ins/openai-server.ts";

const CALLS = Number(process.env.BENCH_CALLS ?? 300);
const WARMUP = 30;
const CHUNK_DELAY_MS = Number(process.env.BENCH_CHUNK_DELAY_MS ?? 1);
const ANSWER =
  "Our Voltra e-bikes ship within three working days, and every order includes a free first service at any partner shop near you.";

const server = startOpenAIServer({ chunkDelayMs: CHUNK_DELAY_MS });
const models = createModelRegistry(
  parseModelCatalog({
    models: { bench: { provider: "vllm", baseUrl: server.url, model: server.model } },
  }),
);
const model = models.get("bench") as ChatFlowModel;
const messages = [
  new SystemMessage("You are the Voltra Bikes assistant."),
  new HumanMessage("How fast do you ship?"),
];

interface Timing {
  firstTokenMs: number;
  totalMs: number;
}

/** The baseline: the very ChatOpenAI instance the provider built, streamed directly. */
async function direct(): Promise<Timing> {
  const started = performance.now();
  let firstTokenMs = Number.NaN;
  let text = "";
  for await (const chunk of await model.chat.stream(messages)) {
    if (chunk.content && Number.isNaN(firstTokenMs)) firstTokenMs = performance.now() - started;
    text += String(chunk.content);
  }
  if (text !== ANSWER) throw new Error(`direct call answered ${JSON.stringify(text)}`);
  return { firstTokenMs, totalMs: performance.now() - started };
}

const benchFlow: Flow = (() => {
  const result = validateFlow({
    id: "bench",
    name: "Bench",
    version: 1,
    models: ["bench"],
    entry: "answer",
    nodes: [{ id: "answer", type: "llm", config: { prompt: "x", fallback: "x" } }],
    edges: [],
  });
  if (!result.ok) throw new Error("invalid bench flow");
  return result.flow;
})();

/** Through the provider layer, as an llm node calls it, with a node's run context. */
async function throughLayer(): Promise<Timing> {
  const started = performance.now();
  let firstTokenMs = Number.NaN;
  const run: RunContext = {
    node: benchFlow.nodes[0] as RunContext["node"],
    config: {},
    emit: (event: TurnEvent) => {
      if (event.type === "token" && Number.isNaN(firstTokenMs))
        firstTokenMs = performance.now() - started;
    },
    scope: {},
    userText: "How fast do you ship?",
    language: "en",
  };
  const text = await callModel(models, "bench", run, {
    local: () => "",
    chat: (call) => chatText(call, messages, run, { stream: true }),
  });
  if (text !== ANSWER) throw new Error(`provider layer answered ${JSON.stringify(text)}`);
  return { firstTokenMs, totalMs: performance.now() - started };
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
const ms = (value: number) => `${value.toFixed(3)} ms`;

server.script(Array(WARMUP * 2).fill(ANSWER));
for (let i = 0; i < WARMUP; i++) {
  await direct();
  await throughLayer();
}

const baseline: Timing[] = [];
const layered: Timing[] = [];
for (let i = 0; i < CALLS; i++) {
  server.script([ANSWER, ANSWER]);
  // Alternate which goes first, so drift in the machine or the server favours neither.
  if (i % 2 === 0) {
    baseline.push(await direct());
    layered.push(await throughLayer());
  } else {
    layered.push(await throughLayer());
    baseline.push(await direct());
  }
}
await server.stop();

const tokens = ANSWER.match(/\S+\s*/g)?.length ?? 0;
console.log(
  `provider layer vs ChatOpenAI directly — ${CALLS} streamed answers each, ${tokens} tokens at ${CHUNK_DELAY_MS} ms a chunk from the stand-in\n`,
);
for (const metric of ["firstTokenMs", "totalMs"] as const) {
  const direct50 = quantile(
    baseline.map((t) => t[metric]),
    0.5,
  );
  const layer50 = quantile(
    layered.map((t) => t[metric]),
    0.5,
  );
  const added = layered.map((t, i) => t[metric] - (baseline[i]?.[metric] ?? Number.NaN));
  console.log(metric === "firstTokenMs" ? "time to first token" : "whole answer");
  console.log(
    `  ChatOpenAI directly:  p50 ${ms(direct50)}  p95 ${ms(
      quantile(
        baseline.map((t) => t[metric]),
        0.95,
      ),
    )}`,
  );
  console.log(
    `  through the layer:    p50 ${ms(layer50)}  p95 ${ms(
      quantile(
        layered.map((t) => t[metric]),
        0.95,
      ),
    )}`,
  );
  console.log(
    `  added:                p50 ${ms(quantile(added, 0.5))} (paired)  ratio ${(layer50 / direct50).toFixed(3)}  target < 1 ms p50`,
  );
}
