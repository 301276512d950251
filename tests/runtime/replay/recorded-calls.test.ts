import { afterEach, expect, it } from "bun:test";
import type { Flow as FlowDefinition, ModelCatalog } from "@switchboard/engine";
import { listRecordedTurns } from "../../../runtime/src/conversations/run-recordings.repository.ts";
import { useTestStore } from "../db/test-database.ts";
import { createRecordedStore, stubFetch } from "./recorded-store.ts";

const catalog: ModelCatalog = {
  models: {
    default: {
      provider: "scripted",
      responses: ["Your order A123 shipped on Monday.", "It is on its way!"],
    },
  },
};

/** Looks the order up over HTTP, then has the model say where it is. */
const ordersFlow = {
  id: "orders",
  name: "Order status",
  version: 1,
  entry: "lookup",
  models: ["default"],
  knowledge: [],
  variables: [{ name: "order_status", type: "string", default: "" }],
  fallback: "Sorry, something went wrong on my side.",
  nodes: [
    {
      id: "lookup",
      type: "http",
      config: {
        method: "GET",
        url: "https://orders.example.test/orders/{{last_message}}",
        map: [{ variable: "order_status", path: "status" }],
      },
    },
    {
      id: "answer",
      type: "llm",
      config: {
        prompt: "The order is {{order_status}}. Tell the customer in one sentence.",
        fallback: "Your order is {{order_status}}.",
      },
    },
  ],
  edges: [{ source: "lookup", target: "answer" }],
} as unknown as FlowDefinition;

const test = useTestStore("sqlite");
let store: Awaited<ReturnType<typeof createRecordedStore>> | undefined;
afterEach(() => store?.dispose());

async function recordOrderConversation() {
  const http = stubFetch({ status: "shipped" });
  store = await createRecordedStore(test.database(), { catalog, fetch: http.fetch });
  await store.flowService.create(ordersFlow);
  await store.flowService.publish("orders", 1);
  const { sessionId } = await store.converse(["A123"], "orders");
  return { http, sessionId, store };
}

async function saveDraft(edit: (flow: FlowDefinition) => void) {
  const flow = structuredClone(ordersFlow);
  edit(flow);
  await store?.flowService.saveDraft("orders", flow);
}

const configOf = (flow: FlowDefinition, id: string) =>
  (flow.nodes.find((node) => node.id === id) as unknown as { config: Record<string, unknown> })
    .config;

it("records the http response and the model's answer with the turn", async () => {
  const { http, sessionId } = await recordOrderConversation();

  expect(http.calls).toEqual(["https://orders.example.test/orders/A123"]);
  const [turn] = (await listRecordedTurns(test.database().db, [sessionId])).get(sessionId) ?? [];
  expect(turn?.recording.httpResponses).toEqual([
    {
      method: "GET",
      url: "https://orders.example.test/orders/A123",
      status: 200,
      body: '{"status":"shipped"}',
      truncated: false,
    },
  ]);
  expect(turn?.recording.modelAnswers).toMatchObject([
    { nodeId: "answer", content: "Your order A123 shipped on Monday." },
  ]);
  expect(turn?.recording.outcome.vars).toEqual({ order_status: "shipped" });
});

it("reuses recorded answers and responses where nothing changed, calling nothing", async () => {
  const { http, sessionId, store } = await recordOrderConversation();

  const replay = await store.replays.replaySession(sessionId, { version: 1 });

  expect(replay.changes).toEqual([]);
  expect(replay.turns[0]?.replayed.replies[0]?.text).toBe("Your order A123 shipped on Monday.");
  expect(replay.modelAnswers).toEqual({ reused: 1, called: 0 });
  expect(http.calls).toHaveLength(1);
});

it("fails the node clearly when the prompt changed and the replay reuses answers only", async () => {
  const { http, sessionId, store } = await recordOrderConversation();
  await saveDraft((flow) => {
    configOf(flow, "answer").prompt = "The order is {{order_status}}. Answer like a pirate.";
  });

  const replay = await store.replays.replaySession(sessionId, { models: "recorded" });

  expect(replay.turns[0]?.changes).toEqual(["reply"]);
  expect(replay.turns[0]?.replayed.replies.map((reply) => reply.text)).toEqual([
    "Sorry, something went wrong on my side.",
  ]);
  expect(replay.turns[0]?.replayed.nodeErrors?.[0]?.message).toContain(
    'differs from every recorded one, and this replay reuses recorded answers only; replay with models "call"',
  );
  expect(replay.modelAnswers).toEqual({ reused: 0, called: 0 });
  expect(http.calls).toHaveLength(1);
});

it("asks the model when the prompt changed and the replay calls models", async () => {
  const { sessionId, store } = await recordOrderConversation();
  await saveDraft((flow) => {
    configOf(flow, "answer").prompt = "The order is {{order_status}}. Answer like a pirate.";
  });

  const replay = await store.replays.replaySession(sessionId, { models: "call" });

  expect(replay.turns[0]?.replayed.replies.map((reply) => reply.text)).toEqual([
    "It is on its way!",
  ]);
  expect(replay.modelAnswers).toEqual({ reused: 0, called: 1 });
});

it("never calls out for a request the recording does not have", async () => {
  const { http, sessionId, store } = await recordOrderConversation();
  await saveDraft((flow) => {
    configOf(flow, "lookup").url = "https://orders.example.test/v2/orders/{{last_message}}";
  });

  const replay = await store.replays.replaySession(sessionId);

  expect(http.calls).toHaveLength(1);
  expect(replay.turns[0]?.changes).toEqual(["route", "reply", "variables"]);
  expect(replay.turns[0]?.replayed.path).toEqual(["lookup"]);
  expect(replay.turns[0]?.replayed.nodeErrors).toEqual([
    {
      nodeId: "lookup",
      message: expect.stringContaining(
        "No recorded response to GET https://orders.example.test/v2/orders/A123: a replay never calls out",
      ),
    },
  ]);
  expect(replay.firstDivergence).toEqual({ turn: 0, nodeId: "lookup" });
});
