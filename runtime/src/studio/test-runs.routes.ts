import { Value } from "@sinclair/typebox/value";
import { Identifier, Simulation } from "@switchboard/engine";
import { Elysia, sse, t } from "elysia";
import { authGuard } from "../auth/index.ts";
import { createFlowService, versionRef } from "../flows/index.ts";
import type { Services } from "../services.ts";
import { createTestRunService, type TestTurnEvent } from "./test-run-service.ts";

const FlowParams = t.Object({ id: Identifier });
const Text = t.String({ minLength: 1, maxLength: 10_000 });
const TurnInputBody = t.Union([
  t.Object({ kind: t.Literal("user"), text: Text }),
  t.Object({ kind: t.Literal("agent"), text: Text }),
  t.Object({ kind: t.Literal("handback") }),
  t.Object({ kind: t.Literal("close") }),
]);
const TestTurn = t.Object({
  input: TurnInputBody,
  version: t.Optional(versionRef("draft")),
  thread_id: t.Optional(
    t.String({
      pattern: "^[A-Za-z0-9_-]{1,64}$",
      description: "Keeps the conversation between calls; without it each turn starts afresh",
    }),
  ),
});

/** Each event as `event: <type>` and `data: <the rest as JSON>`. */
async function* serverSentEvents(events: AsyncIterable<TestTurnEvent>) {
  for await (const { type, ...data } of events) yield sse({ event: type, data });
}

/**
 * Elysia checks a body without filling defaults inside arrays, and a simulation may leave out
 * what the engine's schema defaults (its models: the local one).
 */
function fillSimulationDefaults({ body }: { body: unknown }) {
  const simulations = (body as { simulations?: unknown } | null)?.simulations;
  if (Array.isArray(simulations))
    for (const simulation of simulations) Value.Default(Simulation, simulation);
}

/** The studio's test bench under `/api/flows/:id`: a turn streamed as it runs, and simulations. */
export function testRunRoutes(services: Services) {
  const { config, database, flows, models, tokens, turns } = services;
  const testRuns = createTestRunService({
    database,
    turns,
    models,
    flowsDir: config.flowsDir,
    flowService: createFlowService({ database, flows, defaultFlow: config.defaultFlow }),
    knowledge: flows.knowledge,
    http: { allowedHosts: config.httpAllowedHosts },
    intentModels: flows.intentModels,
  });

  return new Elysia({ prefix: "/api/flows", tags: ["Test runs"] })
    .use(authGuard(tokens))
    .post(
      "/:id/test-turn",
      async ({ params, body }) =>
        serverSentEvents(
          await testRuns.startTurn(params.id, {
            input: body.input,
            version: body.version,
            threadId: body.thread_id,
          }),
        ),
      {
        auth: "editor",
        params: FlowParams,
        body: TestTurn,
        detail: {
          summary: "Runs one turn of any version (the draft by default), streamed as it runs",
          description:
            "Server-Sent Events, one per engine event: node_start, token, reply, model_call, handoff, error, and node_end with `state` (vars, intent, handoff) after the node; then `done` with the turn's result, or `failed` with a code and message.",
          responses: {
            200: { description: "The turn's events", content: { "text/event-stream": {} } },
          },
        },
      },
    )
    .post(
      "/:id/simulations/run",
      ({ params, body }) => testRuns.runSimulations(params.id, body ?? {}),
      {
        auth: "editor",
        transform: fillSimulationDefaults,
        params: FlowParams,
        body: t.Optional(
          t.Object({
            version: t.Optional(versionRef("draft")),
            flow: t.Optional(
              t.Unknown({
                description:
                  "A flow document to run instead of a version: the studio's canvas with its unsaved edits (checked as a save is)",
              }),
            ),
            simulations: t.Optional(t.Array(Simulation, { minItems: 1, maxItems: 200 })),
          }),
        ),
        detail: {
          summary:
            "Runs simulations against a version (the draft by default) or a posted flow document: those posted, or the flow's simulations file",
        },
      },
    );
}
