import type { Simulation } from "@switchboard/engine/schema";
import type { FigureLink } from "../analytics/figure-link.ts";
import { type OnApiError, settle } from "../api/api-result.ts";
import type { Client } from "../api/client.ts";
import type { StartTurn } from "./chat-controller.ts";
import { readTurnEvents, type TestTurnEvent } from "./test-turn-events.ts";

/** Which chats to list: any combination of channel, user and flow, or a figure's. */
export interface ConversationFilter {
  channel?: string;
  userId?: string;
  flowId?: string;
  /** The conversations behind a figure of the analytics screen. */
  figure?: FigureLink;
}

type SimulationRunBody = NonNullable<
  Parameters<ReturnType<Client["api"]["flows"]>["simulations"]["run"]["post"]>[0]
>;
type SimulationBody = Parameters<ReturnType<Client["api"]["flows"]>["simulations"]["post"]>[0];

/**
 * What the testing and operating panels ask of the runtime, each answer an `ApiResult`: test
 * turns (streamed), simulations, conversations with their runs, and the handoff inbox.
 *
 * @example
 * const testing = createTestingApi(createClient(token));
 * const run = await testing.runSimulations("support");
 */
export function createTestingApi(client: Client, onError?: OnApiError) {
  const flow = (id: string) => client.api.flows({ id });
  const chat = (id: string) => client.api.chats({ id });
  const handoff = (id: string) => client.api.handoffs({ id });

  /** A test turn: the request is Eden's; its Server-Sent Events are read as they arrive. */
  const startTestTurn: StartTurn = async (flowId, { input, version, threadId }, signal) => {
    const request = flow(flowId)["test-turn"].post(
      { input, version, thread_id: threadId },
      { fetch: { signal } },
    );
    const started = await settle(request, onError);
    if (!started.ok) return started;
    const { response } = await request;
    const events: AsyncIterable<TestTurnEvent> = readTurnEvents(response.body);
    return { ok: true, data: events };
  };

  return {
    startTestTurn,
    runSimulations: (flowId: string, body: SimulationRunBody = {}) =>
      settle(flow(flowId).simulations.run.post(body), onError),
    listSimulations: (flowId: string) => settle(flow(flowId).simulations.get(), onError),
    addSimulation: (flowId: string, simulation: Simulation) =>
      settle(flow(flowId).simulations.post(simulation as SimulationBody), onError),
    /** Rewrites one simulation, found by its name; the file's other text stays as it was. */
    updateSimulation: (flowId: string, name: string, simulation: Simulation) =>
      settle(
        flow(flowId)
          .simulations({ name })
          .put(simulation as SimulationBody),
        onError,
      ),
    removeSimulation: (flowId: string, name: string) =>
      settle(flow(flowId).simulations({ name }).delete(), onError),
    listConversations: ({ channel, userId, flowId, figure }: ConversationFilter = {}) =>
      settle(
        client.api.conversations.get({
          query: {
            channel,
            user_id: userId,
            flow_id: flowId,
            limit: 100,
            ...(figure && {
              from: figure.from,
              to: figure.to,
              flow_version: flowId === undefined ? undefined : figure.version,
              figure: figure.figure,
              intent: figure.intent,
              question: figure.question,
            }),
          },
        }),
        onError,
      ),
    listMessages: (chatId: string) =>
      settle(chat(chatId).messages.get({ query: { limit: 200 } }), onError),
    listRuns: (chatId: string) => settle(chat(chatId).runs.get({ query: { limit: 200 } }), onError),
    listHandoffs: () => settle(client.api.handoffs.get(), onError),
    replyToHandoff: (id: string, text: string, agent?: string) =>
      settle(handoff(id).reply.post({ text, ...(agent ? { agent } : {}) }), onError),
    handBack: (id: string) => settle(handoff(id).handback.post(), onError),
    closeHandoff: (id: string) => settle(handoff(id).close.post(), onError),
  };
}

export type TestingApi = ReturnType<typeof createTestingApi>;
