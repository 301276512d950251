import { Identifier } from "@switchboard/engine";
import { Elysia, t } from "elysia";
import { authGuard } from "../auth/index.ts";
import { listRecordedSessionsOfChat, listRecordedTurns } from "../conversations/index.ts";
import { KyselyCheckpointSaver } from "../db/index.ts";
import { createFlowService, versionRef } from "../flows/index.ts";
import type { Services } from "../services.ts";
import { IdParams, RecordId } from "../shared-schemas.ts";
import { createSimulationFiles } from "../studio/index.ts";
import { createReplayService } from "./replay-service.ts";

const Models = t.Optional(
  t.UnionEnum(["recorded", "call"], {
    default: "recorded",
    description:
      "recorded: reuse recorded model answers where the prompt is unchanged, fail otherwise; call: ask the model where none fits",
  }),
);
const Choice = t.Object({ version: t.Optional(versionRef("draft")), models: Models });
const IsoDate = t.String({ format: "date-time" });

/**
 * Replays under `/api/replay`, for admins: a recorded conversation replayed against another
 * version side by side, forked into a studio thread, or many replayed as a regression job.
 */
export function replayRoutes(services: Services) {
  const { config, database, flows, models, catalog, tokens, turns } = services;
  const flowService = createFlowService({ database, flows, defaultFlow: config.defaultFlow });
  const simulations = createSimulationFiles({ flowsDir: config.flowsDir, flowService });
  const replays = createReplayService({
    database,
    flowService,
    knowledge: flows.knowledge,
    catalog,
    models,
    flowsDir: config.flowsDir,
    checkpoints: new KyselyCheckpointSaver(database.db),
    addSimulation: (flowId, simulation) => simulations.add(flowId, simulation),
    play: (graph, threadId, input) => turns.runDetached({ graph, threadId, input, kept: false }),
  });

  return new Elysia({ prefix: "/api/replay", tags: ["Replay"] })
    .use(authGuard(tokens))
    .get(
      "/chats/:id/sessions",
      async ({ params }) => {
        const sessions = await listRecordedSessionsOfChat(database.db, params.id);
        const turns = await listRecordedTurns(
          database.db,
          sessions.map((session) => session.sessionId),
        );
        return sessions.map((session) => ({
          ...session,
          turns: (turns.get(session.sessionId) ?? []).map(({ runId, startedAt, recording }) => ({
            runId,
            startedAt,
            input: recording.input,
            outcome: recording.outcome,
          })),
        }));
      },
      {
        auth: "editor",
        params: IdParams,
        detail: { summary: "A chat's recorded sessions with their turns, the latest first" },
      },
    )
    .post("/sessions/:id", ({ params, body }) => replays.replaySession(params.id, body ?? {}), {
      auth: "editor",
      params: IdParams,
      body: t.Optional(Choice),
      detail: {
        summary:
          "Replays a recorded session against a version (the draft by default), turn by turn",
      },
    })
    .post("/sessions/:id/fork", ({ params, body }) => replays.fork(params.id, body.turn), {
      auth: "editor",
      params: IdParams,
      body: t.Object({
        turn: t.Integer({ minimum: 0, description: "The turn to go on after, from 0" }),
      }),
      detail: {
        summary:
          "Copies the session's checkpoint after a turn into a studio thread, to continue against the draft",
      },
    })
    .post(
      "/sessions/:id/simulation",
      ({ params, body }) => replays.acceptAsSimulation({ sessionId: params.id, ...body }),
      {
        auth: "editor",
        params: IdParams,
        body: t.Object({
          name: t.String({ minLength: 1, maxLength: 200 }),
          job_id: t.Optional(t.String({ minLength: 1 })),
          version: t.Optional(versionRef("draft")),
          models: Models,
        }),
        transform({ body }) {
          const raw = body as { job_id?: string; jobId?: string } | undefined;
          if (raw?.job_id) raw.jobId = raw.job_id;
        },
        detail: {
          summary:
            "Adds a simulation expecting what the replay did to the flow's simulations file (accept as simulation)",
        },
      },
    )
    .post(
      "/jobs",
      ({ body }) =>
        replays.startJob({
          flowId: body.flow_id,
          last: body.last,
          version: body.version,
          models: body.models,
          channel: body.channel,
          from: body.from,
          to: body.to,
          outcome: body.outcome,
          recordedVersion: body.recorded_version,
        }),
      {
        auth: "editor",
        body: t.Object({
          flow_id: Identifier,
          last: t.Integer({ minimum: 1, maximum: 5000, description: "The latest N conversations" }),
          version: t.Optional(versionRef("draft")),
          models: Models,
          recorded_version: t.Optional(
            t.Integer({ minimum: 1, description: "Only conversations that ran this version" }),
          ),
          channel: t.Optional(t.String({ minLength: 1 })),
          from: t.Optional(IsoDate),
          to: t.Optional(IsoDate),
          // Literals rather than UnionEnum, which Elysia fills with its first member when left out.
          outcome: t.Optional(
            t.Union([
              t.Literal("ended"),
              t.Literal("handoff"),
              t.Literal("waiting"),
              t.Literal("failed"),
            ]),
          ),
        }),
        detail: {
          summary:
            "Starts a regression replay of the latest conversations of a flow, in a worker; poll it for progress",
        },
      },
    )
    .get("/jobs/:id", ({ params }) => replays.job(params.id), {
      auth: "editor",
      params: IdParams,
      detail: { summary: "A replay job's progress and its report so far" },
    })
    .delete("/jobs/:id", ({ params }) => replays.cancel(params.id), {
      auth: "editor",
      params: IdParams,
      detail: { summary: "Cancels a running replay job (its report so far is kept)" },
    })
    .get(
      "/jobs/:id/sessions/:session",
      ({ params }) => replays.jobConversation(params.id, params.session),
      {
        auth: "editor",
        params: t.Object({ id: RecordId, session: RecordId }),
        detail: { summary: "A conversation of a replay job, recorded and replayed side by side" },
      },
    );
}
