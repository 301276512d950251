import { Flow, Identifier } from "@switchboard/engine";
import { Elysia, t } from "elysia";
import { authGuard } from "../auth/auth-guard.ts";
import type { Services } from "../services.ts";
import { checkFlowDocument, findFlowProblems } from "./flow-document.ts";
import { createFlowService } from "./flow-service.ts";
import { versionRef } from "./version-ref-schema.ts";

const FlowParams = t.Object({ id: Identifier });
const VersionQuery = t.Object({ version: t.Optional(versionRef("draft")) });
const SaveOptions = {
  note: t.Optional(t.String({ maxLength: 500, description: "What changed, for the history" })),
  author: t.Optional(t.String({ minLength: 1, maxLength: 120, description: "Default: admin" })),
};
const SaveFlow = t.Object({ flow: Flow, ...SaveOptions });
/** A draft may not validate yet; it only needs the shape the studio and the diff read. */
const DraftFlow = t.Object(
  {
    id: Identifier,
    name: t.String(),
    nodes: t.Array(t.Object({ id: t.String(), type: t.String() }, { additionalProperties: true })),
    edges: t.Array(
      t.Object(
        { source: t.String(), target: t.String(), branch: t.Optional(t.String()) },
        { additionalProperties: true },
      ),
    ),
  },
  { additionalProperties: true, description: "A flow document, valid or not yet" },
);
const Problem = t.Object({
  path: t.String({ description: "A JSON pointer into the flow" }),
  nodeId: t.Optional(t.String()),
  message: t.String(),
});

const FlowSummary = t.Object({
  id: t.String(),
  name: t.String(),
  publishedVersion: t.Nullable(t.Number()),
  latestVersion: t.Nullable(t.Number()),
  hasDraft: t.Boolean(),
  updatedAt: t.String(),
});
const VersionInfo = t.Object({
  flowId: t.String(),
  version: t.Number(),
  author: t.String(),
  note: t.Nullable(t.String()),
  createdAt: t.String(),
});
const FlowDocument = t.Object({
  flowId: t.String(),
  version: t.Nullable(t.Number({ description: "null for the draft" })),
  author: t.Nullable(t.String()),
  note: t.Nullable(t.String()),
  savedAt: t.Nullable(t.String()),
  definition: t.Record(t.String(), t.Unknown()),
});

/**
 * Flows and their versions under `/api/flows`, for admins: saved versions never change, the
 * draft keeps work in progress, and one version is published to new chats.
 */
export function flowRoutes(services: Services) {
  const { config, database, flows, models, tokens } = services;
  const flowService = createFlowService({ database, flows, defaultFlow: config.defaultFlow });
  const documentOptions = { models: models.names, flowsDir: config.flowsDir };
  // Checked before Elysia's schema, so a flow that does not validate gets every problem the
  // engine finds (400 invalid_flow) rather than the schema's first; the handler gets the flow
  // with its defaults filled in. Macros run in the order a route lists them: `auth` goes first,
  // or a caller without a token would learn what is wrong with the flow (the auth tests check).
  const flowBody = new Elysia().macro({
    flowBody: (where: "body" | "flow") => ({
      transform(context: { body: unknown }) {
        if (where === "body") {
          context.body = checkFlowDocument(context.body, documentOptions);
          return;
        }
        const body = context.body as { flow?: unknown } | null;
        if (typeof body === "object" && body !== null)
          body.flow = checkFlowDocument(body.flow, documentOptions);
      },
    }),
  });

  return new Elysia({ prefix: "/api/flows", tags: ["Flows"] })
    .use(authGuard(tokens))
    .use(flowBody)
    .get("/", () => flowService.list(), {
      auth: "admin",
      response: t.Array(FlowSummary),
      detail: { summary: "Every flow with its published, latest and draft state" },
    })
    .post(
      "/",
      ({ body: { flow, ...options }, set }) => {
        set.status = 201;
        return flowService.create(flow, options);
      },
      {
        auth: "admin",
        body: SaveFlow,
        flowBody: "flow",
        response: { 201: VersionInfo },
        detail: { summary: "Creates a flow as its version 1, unpublished" },
      },
    )
    .post(
      "/validate",
      ({ body }) => {
        const result = findFlowProblems(body, documentOptions);
        return { ok: result.ok, problems: result.ok ? [] : result.problems };
      },
      {
        auth: "admin",
        body: t.Unknown({ description: "A flow document, valid or not" }),
        response: t.Object({ ok: t.Boolean(), problems: t.Array(Problem) }),
        detail: { summary: "Every problem of a flow document, as the engine reports them" },
      },
    )
    .post(
      "/import",
      ({ body, query, set }) => {
        set.status = 201;
        return flowService.import(body, query);
      },
      {
        auth: "admin",
        body: Flow,
        query: t.Object(SaveOptions),
        flowBody: "body",
        response: { 201: VersionInfo },
        detail: {
          summary: "Saves a flow file: a new flow, or the next version of the flow with its id",
        },
      },
    )
    .get("/:id", ({ params, query }) => flowService.get(params.id, query.version), {
      auth: "admin",
      params: FlowParams,
      query: VersionQuery,
      response: FlowDocument,
      detail: { summary: "A flow document: the draft (default), a version, published or latest" },
    })
    .get("/:id/versions", ({ params }) => flowService.versions(params.id), {
      auth: "admin",
      params: FlowParams,
      response: t.Array(VersionInfo),
      detail: { summary: "A flow's saved versions, the latest first" },
    })
    .post(
      "/:id/versions",
      ({ params, body: { flow, ...options }, set }) => {
        set.status = 201;
        return flowService.saveVersion(params.id, flow, options);
      },
      {
        auth: "admin",
        params: FlowParams,
        body: SaveFlow,
        flowBody: "flow",
        response: { 201: VersionInfo },
        detail: { summary: "Saves the flow as its next version, which never changes afterwards" },
      },
    )
    .put(
      "/:id/draft",
      async ({ params, body }) => {
        await flowService.saveDraft(params.id, body);
        return { saved: true as const };
      },
      {
        auth: "admin",
        params: FlowParams,
        body: DraftFlow,
        detail: { summary: "Keeps work in progress, unvalidated, without making a version" },
      },
    )
    .post("/:id/publish", ({ params, body }) => flowService.publish(params.id, body.version), {
      auth: "admin",
      params: FlowParams,
      body: t.Object({ version: t.Integer({ minimum: 1 }) }),
      response: FlowSummary,
      detail: { summary: "Makes a version the one new chats start on, once it compiles" },
    })
    .get("/:id/diff", ({ params, query }) => flowService.diff(params.id, query.from, query.to), {
      auth: "admin",
      params: FlowParams,
      query: t.Object({
        from: t.Optional(versionRef("published")),
        to: t.Optional(versionRef("draft")),
      }),
      detail: {
        summary:
          "What changed from one version to another (default: published to draft): metadata, nodes with their config paths, edges",
      },
    })
    .get(
      "/:id/export",
      async ({ params, query, set }) => {
        const { definition } = await flowService.get(params.id, query.version);
        set.headers["content-disposition"] = `attachment; filename="${params.id}.flow.json"`;
        return definition;
      },
      {
        auth: "admin",
        params: FlowParams,
        query: VersionQuery,
        detail: { summary: "The flow file, as a download" },
      },
    )
    .delete(
      "/:id",
      async ({ params }) => {
        await flowService.remove(params.id);
        return { deleted: true as const };
      },
      {
        auth: "admin",
        params: FlowParams,
        detail: { summary: "Deletes a flow and all its versions" },
      },
    );
}
