import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createModelRegistry,
  defaultCatalog,
  type ModelCatalog,
  type TurnInput,
} from "@switchboard/engine";
import { createChat } from "../../../runtime/src/conversations/chats.repository.ts";
import { createLocalEventHub } from "../../../runtime/src/conversations/event-hub.ts";
import { createTurnRunner } from "../../../runtime/src/conversations/turn-runner.ts";
import type { Database } from "../../../runtime/src/db/database.ts";
import { KyselyCheckpointSaver } from "../../../runtime/src/db/kysely-checkpoint-saver.ts";
import { createFlowRuntime } from "../../../runtime/src/flows/flow-runtime.ts";
import { createFlowService } from "../../../runtime/src/flows/flow-service.ts";
import { importFlowFiles } from "../../../runtime/src/flows/import-flow-files.ts";
import { createReplayService } from "../../../runtime/src/replay/replay-service.ts";
import { createSimulationFiles } from "../../../runtime/src/studio/simulation-files.ts";

const FLOWS_DIR = join(import.meta.dir, "..", "..", "..", "flows");

/** Calls the `http` nodes made, answered with a fixed JSON body. */
export function stubFetch(body: unknown) {
  const calls: string[] = [];
  const send = Object.assign(
    async (input: string | URL | Request) => {
      calls.push(String(input));
      return Response.json(body);
    },
    { preconnect: () => {} },
  ) as typeof fetch;
  return { calls, fetch: send };
}

/**
 * A server's conversation layer over a test database, in a copy of the flows folder (accepted
 * simulations are written there): conversations recorded through the real turn runner, and the
 * replay service over them.
 */
export async function createRecordedStore(
  database: Database,
  {
    catalog = defaultCatalog,
    fetch: send,
  }: { catalog?: ModelCatalog; fetch?: typeof globalThis.fetch } = {},
) {
  const flowsDir = await mkdtemp(join(tmpdir(), "switchboard-replay-"));
  await cp(FLOWS_DIR, flowsDir, { recursive: true });
  await importFlowFiles(database.db, flowsDir);
  const models = createModelRegistry(catalog, { env: {} });
  const flows = createFlowRuntime({
    database,
    models,
    flowsDir,
    fetch: send,
    // The stub answers for a made-up host: it is listed, so its name is not resolved.
    http: { allowedHosts: ["orders.example.test"] },
  });
  // As a server starts: the published flows compiled and their intent models trained.
  await flows.loadPublished();
  const turns = createTurnRunner({
    database,
    flows,
    events: createLocalEventHub(),
    defaultFlow: "support",
  });
  const flowService = createFlowService({ database, flows, defaultFlow: "support" });
  const simulations = createSimulationFiles({ flowsDir, flowService });
  const replays = createReplayService({
    database,
    flowService,
    knowledge: flows.knowledge,
    catalog,
    models,
    flowsDir,
    checkpoints: new KyselyCheckpointSaver(database.db),
    addSimulation: (flowId, simulation) => simulations.add(flowId, simulation),
    play: (graph, threadId, input) => turns.runDetached({ graph, threadId, input, kept: false }),
    concurrency: 2,
  });

  /** Talks to a flow as a new chat's user (or its human agent); returns the session's id. */
  const converse = async (inputs: (string | TurnInput)[], flow = "support") => {
    const chat = await createChat(database.db, { userId: "ana", channel: "web" });
    let sessionId = "";
    for (const input of inputs) {
      const turn = await turns.run({
        chatId: chat.id,
        input:
          typeof input === "string"
            ? { kind: "user", text: input, flow }
            : input.kind === "agent"
              ? { ...input, agent: "bo" }
              : input,
      });
      sessionId = turn.session.id;
    }
    return { chatId: chat.id, sessionId };
  };

  return {
    flowsDir,
    flowService,
    knowledge: flows.knowledge,
    simulations,
    replays,
    converse,
    dispose: () => {
      flows.close();
      return rm(flowsDir, { recursive: true, force: true });
    },
  };
}
