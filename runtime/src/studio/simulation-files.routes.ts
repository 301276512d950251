import { Value } from "@sinclair/typebox/value";
import { Identifier, Simulation } from "@switchboard/engine";
import { Elysia, t } from "elysia";
import { authGuard } from "../auth/index.ts";
import { createFlowService } from "../flows/index.ts";
import type { Services } from "../services.ts";
import { createSimulationFiles } from "./simulation-files.ts";

const FlowParams = t.Object({ id: Identifier });
const SimulationParams = t.Object({
  id: Identifier,
  name: t.String({
    minLength: 1,
    maxLength: 200,
    pattern: "^[^\\x00-\\x1f\\x7f]+$",
    error: "must be a simulation's name: 1 to 200 characters, no control characters",
  }),
});
const SimulationSet = t.Object({
  flowId: t.String(),
  file: t.String({ description: "The simulations file's name in the flows folder" }),
  simulations: t.Array(Simulation),
});

/** Elysia checks a body without filling the schema's defaults inside it (a simulation's models). */
function fillDefaults({ body }: { body: unknown }) {
  const value = body as { simulations?: unknown } | null;
  if (Array.isArray(value?.simulations))
    for (const simulation of value.simulations) Value.Default(Simulation, simulation);
  else if (value && typeof value === "object") Value.Default(Simulation, value);
}

/**
 * A flow's simulations under `/api/flows/:id/simulations`, for admins: read, add one (the
 * studio's "save this conversation as a simulation"), replace or remove one by name (only its
 * text in the file changes), or replace them all. They live in the
 * simulations file next to the flow's file in the flows folder, which `simulations/run` and the
 * CLI run.
 */
export function simulationFileRoutes(services: Services) {
  const { config, database, flows, tokens } = services;
  const files = createSimulationFiles({
    flowsDir: config.flowsDir,
    flowService: createFlowService({ database, flows, defaultFlow: config.defaultFlow }),
  });

  return new Elysia({ prefix: "/api/flows", tags: ["Test runs"] })
    .use(authGuard(tokens))
    .get("/:id/simulations", ({ params }) => files.list(params.id), {
      auth: ["editor", "viewer"],
      params: FlowParams,
      response: SimulationSet,
      detail: { summary: "A flow's simulations, from its simulations file (none without one)" },
    })
    .post(
      "/:id/simulations",
      async ({ params, body, set }) => {
        const saved = await files.add(params.id, body);
        set.status = 201;
        return saved;
      },
      {
        auth: "editor",
        transform: fillDefaults,
        params: FlowParams,
        body: Simulation,
        response: { 201: SimulationSet },
        detail: {
          summary: "Adds a simulation to the flow's simulations file (a name must be new)",
        },
      },
    )
    .put(
      "/:id/simulations/:name",
      ({ params, body }) => files.update(params.id, params.name, body),
      {
        auth: "editor",
        transform: fillDefaults,
        params: SimulationParams,
        body: Simulation,
        response: SimulationSet,
        detail: {
          summary:
            "Replaces one simulation, found by its name; the file's other text stays as it was",
        },
      },
    )
    .delete("/:id/simulations/:name", ({ params }) => files.remove(params.id, params.name), {
      auth: "editor",
      params: SimulationParams,
      response: SimulationSet,
      detail: {
        summary: "Removes one simulation, found by its name; the file's other text stays as it was",
      },
    })
    .put("/:id/simulations", ({ params, body }) => files.replace(params.id, body.simulations), {
      auth: "editor",
      transform: fillDefaults,
      params: FlowParams,
      body: t.Object({ simulations: t.Array(Simulation) }),
      response: SimulationSet,
      detail: {
        summary: "Replaces the flow's simulations; none removes its simulations file",
      },
    });
}
