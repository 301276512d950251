/**
 * bun run bench:engine — the support flow on the local model through Switchboard's engine versus
 * an equivalent graph written by hand against @langchain/langgraph, in the same process; plus
 * the time to validate and compile a generated 500-node flow.
 */
import { join } from "node:path";
import { AIMessage, type BaseMessage, HumanMessage } from "@langchain/core/messages";
import {
  Annotation,
  Command,
  END,
  interrupt,
  MemorySaver,
  messagesStateReducer,
  START,
  StateGraph,
} from "@langchain/langgraph";
import {
  compileGraph,
  type Flow,
  indexKnowledgeBase,
  loadFlowFile,
  runTurn,
  trainIntentModel,
  validateFlow,
} from "@switchboard/engine";

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 150);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SCRIPT = [
  "hi there",
  "what time do you open on saturday?",
  "do you offer financing",
  "how long does delivery take",
  "asdf qwerty zxcv",
  "thanks, bye",
];

const loaded = await loadFlowFile(join(import.meta.dir, "..", "..", "flows", "support.flow.json"));
const flow = loaded.flow;

/** The same support flow written directly against LangGraph: the floor our engine is measured against. */
function handWrittenGraph(support: Flow) {
  const nodeById = new Map(support.nodes.map((n) => [n.id, n]));
  const classifyNode = nodeById.get("classify");
  if (classifyNode?.type !== "classify") throw new Error("support flow has no classify node");
  const classifier = trainIntentModel(classifyNode.config.intents, "en");
  const threshold = classifyNode.config.threshold;
  const index = new Map(loaded.knowledge.map((kb) => [kb.id, indexKnowledgeBase(kb)]));
  const replyText = (id: string) => {
    const node = nodeById.get(id);
    return node?.type === "reply" || node?.type === "end" ? (node.config.text ?? "") : "";
  };
  const State = Annotation.Root({
    messages: Annotation<BaseMessage[]>({ reducer: messagesStateReducer, default: () => [] }),
    replied: Annotation<boolean>({ reducer: (_, b) => b, default: () => false }),
    route: Annotation<string>({ reducer: (_, b) => b, default: () => "" }),
  });
  type S = typeof State.State;
  const lastText = (s: S) => String(s.messages.at(-1)?.content ?? "");
  const say = (text: string) => ({ messages: [new AIMessage(text)], replied: true });
  const answerFrom = (kb: string, minScore: number) => (s: S) => {
    const hit = index
      .get(kb)
      ?.search(lastText(s), 3)
      .find((h) => h.score >= minScore);
    return hit ? { ...say(hit.entry.text), route: "answered" } : { route: "no_answer" };
  };
  const graph = new StateGraph(State)
    .addNode("classify", (s: S) => {
      let update: Partial<S> = {};
      let state = s;
      if (s.replied) {
        const text = interrupt<string, string>("waiting");
        update = { messages: [new HumanMessage(text)], replied: false };
        state = { ...s, messages: [...s.messages, new HumanMessage(text)] };
      }
      const result = classifier.classify(lastText(state));
      return { ...update, route: result.confidence >= threshold ? result.intent : "fallback" };
    })
    .addNode("faq", answerFrom("voltra", 0.3))
    .addNode("policy_lookup", answerFrom("policies", 0.4))
    .addNode("no_answer", () => say(replyText("no_answer")))
    .addNode("greeting", () => say(replyText("greeting")))
    .addNode("fallback", () => say(replyText("fallback")))
    .addNode("goodbye", () => say(replyText("goodbye")))
    // The sales and handoff paths exist for the same graph shape; the script does not take them.
    .addNode("sales", () => ({ ...say("What's your name?"), route: "qualified" }))
    .addNode("lead_thanks", () => say(replyText("lead_thanks")))
    .addNode("lead_store", () => say(replyText("lead_store")))
    .addNode("escalate", () => ({ route: interrupt<string, string>("agent") }))
    .addNode("welcome_back", () => say(replyText("welcome_back")))
    .addNode("handoff_closed", () => say(replyText("handoff_closed")))
    .addEdge(START, "classify")
    .addConditionalEdges("classify", (s: S) => s.route, {
      question: "faq",
      greeting: "greeting",
      goodbye: "goodbye",
      fallback: "fallback",
      buy: "sales",
      human: "escalate",
    })
    .addConditionalEdges("sales", (s: S) => s.route, {
      qualified: "lead_thanks",
      not_qualified: "lead_store",
    })
    .addConditionalEdges("escalate", (s: S) => s.route, {
      resolved: "welcome_back",
      closed: "handoff_closed",
    })
    .addEdge("lead_thanks", "classify")
    .addEdge("lead_store", "classify")
    .addEdge("welcome_back", "classify")
    .addEdge("handoff_closed", END)
    .addConditionalEdges("faq", (s: S) => s.route, {
      answered: "classify",
      no_answer: "policy_lookup",
    })
    .addConditionalEdges("policy_lookup", (s: S) => s.route, {
      answered: "classify",
      no_answer: "no_answer",
    })
    .addEdge("no_answer", "classify")
    .addEdge("greeting", "classify")
    .addEdge("fallback", "classify")
    .addEdge("goodbye", END);
  return graph.compile({ checkpointer: new MemorySaver() });
}

const engineGraph = compileGraph(flow, {
  checkpointer: new MemorySaver(),
  knowledge: loaded.knowledge,
});
const baseline = handWrittenGraph(flow);

async function engineConversation(id: string): Promise<string[]> {
  const replies: string[] = [];
  for (const text of SCRIPT) {
    const turn = await runTurn(engineGraph, id, { kind: "user", text });
    replies.push(turn.replies.map((r) => r.text).join("\n"));
  }
  return replies;
}

async function baselineConversation(id: string): Promise<string[]> {
  const config = { configurable: { thread_id: id } };
  const replies: string[] = [];
  for (const [i, text] of SCRIPT.entries()) {
    const before = i === 0 ? 0 : ((await baseline.getState(config)).values.messages?.length ?? 0);
    const state =
      i === 0
        ? await baseline.invoke({ messages: [new HumanMessage(text)] }, config)
        : await baseline.invoke(new Command({ resume: text }), config);
    const fresh = (state.messages as BaseMessage[])
      .slice(before)
      .filter((m) => AIMessage.isInstance(m));
    replies.push(fresh.map((m) => String(m.content)).join("\n"));
  }
  return replies;
}

// Both graphs must say the same thing, or the comparison means nothing.
const [ours, theirs] = [await engineConversation("check-a"), await baselineConversation("check-b")];
if (JSON.stringify(ours) !== JSON.stringify(theirs)) {
  console.error("The engine and the hand-written graph disagree:", { ours, theirs });
  process.exit(1);
}

let peakRss = 0;
async function measure(
  run: (id: string) => Promise<unknown>,
  label: string,
  round: number,
): Promise<number> {
  const started = performance.now();
  for (let c = 0; c < CONVERSATIONS; c++) await run(`${label}-${round}-${c}`);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  return (CONVERSATIONS * SCRIPT.length) / ((performance.now() - started) / 1000);
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
await measure(engineConversation, "warm-engine", -1);
await measure(baselineConversation, "warm-baseline", -1);
const engineRates: number[] = [];
const baselineRates: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  engineRates.push(await measure(engineConversation, "engine", round));
  baselineRates.push(await measure(baselineConversation, "baseline", round));
}
const engineRate = median(engineRates);
const baselineRate = median(baselineRates);

/** A valid generated flow of `size` nodes: a chain of set, condition, reply and classify nodes. */
function generatedFlow(size: number): unknown {
  const nodes: unknown[] = [];
  const edges: unknown[] = [];
  for (let i = 0; i < size - 1; i++) {
    const id = `n${i}`;
    const next = `n${i + 1}`;
    switch (i % 4) {
      case 0:
        nodes.push({
          id,
          type: "set",
          config: { assign: [{ variable: "count", value: `count + ${i}` }] },
        });
        edges.push({ source: id, target: next });
        break;
      case 1:
        nodes.push({
          id,
          type: "condition",
          config: { rules: [{ label: "big", when: `count > ${i * 10}` }] },
        });
        edges.push(
          { source: id, target: next, branch: "big" },
          { source: id, target: next, branch: "default" },
        );
        break;
      case 2:
        nodes.push({ id, type: "reply", config: { text: `Step ${i}: {{count}}` } });
        edges.push({ source: id, target: next });
        break;
      default:
        nodes.push({
          id,
          type: "classify",
          config: {
            intents: [
              {
                name: "yes",
                description: "agrees",
                examples: ["yes", "sure", "ok then", "sounds good"],
              },
              {
                name: "no",
                description: "declines",
                examples: ["no", "nope", "not now", "no thanks"],
              },
            ],
          },
        });
        for (const branch of ["yes", "no", "fallback"])
          edges.push({ source: id, target: next, branch });
    }
  }
  nodes.push({ id: `n${size - 1}`, type: "end", config: {} });
  return {
    id: "generated",
    name: "Generated",
    version: 1,
    entry: "n0",
    variables: [{ name: "count", type: "number", default: 0 }],
    nodes,
    edges,
  };
}

const big = generatedFlow(500);
const compileTimes: number[] = [];
for (let i = 0; i < 7; i++) {
  const started = performance.now();
  const result = validateFlow(big);
  if (!result.ok) throw new Error(`generated flow invalid: ${result.problems[0]?.message}`);
  compileGraph(result.flow, { checkpointer: new MemorySaver() });
  compileTimes.push(performance.now() - started);
}

const ratio = baselineRate / engineRate;
console.log(
  `support flow, local model, in-memory checkpointer — ${CONVERSATIONS} conversations × ${SCRIPT.length} turns (greeting, FAQ, fallback, goodbye), median of ${ROUNDS} rounds`,
);
console.log(`  engine (compiled from JSON):   ${engineRate.toFixed(0)} turns/s`);
console.log(`  hand-written LangGraph graph:  ${baselineRate.toFixed(0)} turns/s`);
console.log(
  `  ratio (hand-written / engine): ${ratio.toFixed(3)}x  (target ≤ 1.15x) ${ratio <= 1.15 ? "✓" : "✗"}`,
);
console.log(`  peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
const compileMs = median(compileTimes);
console.log(
  `validate + compile a generated 500-node flow: ${compileMs.toFixed(1)} ms median of 7 (target < 200 ms) ${compileMs < 200 ? "✓" : "✗"}`,
);
