import { Flow, Identifier } from "@switchboard/engine";
import { Elysia, t } from "elysia";
import type { Principal } from "../accounts/index.ts";
import { authGuard } from "../auth/index.ts";
import type { Services } from "../services.ts";
import { checkFlowDocument, findFlowProblems } from "./flow-document.ts";
import { createFlowService } from "./flow-service.ts";
import { versionRef } from "./version-ref-schema.ts";

const FlowParams = t.Object({ id: Identifier });
const VersionQuery = t.Object({ version: t.Optional(versionRef("draft")) });
const SaveOptions = {
  note: t.Optional(t.String({ maxLength: 500, description: "What changed, for the history" })),
  author: t.Optional(
    t.String({
      minLength: 1,
      maxLength: 120,
      description: "Only with the admin token (default: admin); a user is always the author",
    }),
  ),
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
  const { config, database, flows, models, tokens, audit } = services;
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

  // A user's saves carry their own name, whatever the body says; automation may name its author.
  const authored = <T extends { author?: string }>(principal: Principal, options: T): T => ({
    ...options,
    author: principal.via === "admin_token" ? options.author : principal.name,
  });
  const saved = async (
    principal: Principal,
    action: string,
    info: Promise<{ flowId: string; version: number }>,
  ) => {
    const { flowId, version } = await info;
    await audit.record(principal, action, flowId, { version });
    return info;
  };

  return new Elysia({ prefix: "/api/flows", tags: ["Flows"] })
    .use(authGuard(tokens))
    .use(flowBody)
    .get("/", () => flowService.list(), {
      auth: ["editor", "viewer"],
      response: t.Array(FlowSummary),
      detail: { summary: "Every flow with its published, latest and draft state" },
    })
    .post(
      "/",
      ({ body: { flow, ...options }, set, principal }) => {
        set.status = 201;
        return saved(
          principal,
          "flow.create",
          flowService.create(flow, authored(principal, options)),
        );
      },
      {
        auth: "editor",
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
        auth: "editor",
        body: t.Unknown({ description: "A flow document, valid or not" }),
        response: t.Object({ ok: t.Boolean(), problems: t.Array(Problem) }),
        detail: { summary: "Every problem of a flow document, as the engine reports them" },
      },
    )
    .post(
      "/import",
      ({ body, query, set, principal }) => {
        set.status = 201;
        return saved(
          principal,
          "flow.import",
          flowService.import(body, authored(principal, query)),
        );
      },
      {
        auth: "editor",
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
      auth: ["editor", "viewer"],
      params: FlowParams,
      query: VersionQuery,
      response: FlowDocument,
      detail: { summary: "A flow document: the draft (default), a version, published or latest" },
    })
    .get("/:id/versions", ({ params }) => flowService.versions(params.id), {
      auth: ["editor", "viewer"],
      params: FlowParams,
      response: t.Array(VersionInfo),
      detail: { summary: "A flow's saved versions, the latest first" },
    })
    .post(
      "/:id/versions",
      ({ params, body: { flow, ...options }, set, principal }) => {
        set.status = 201;
        return saved(
          principal,
          "flow.save_version",
          flowService.saveVersion(params.id, flow, authored(principal, options)),
        );
      },
      {
        auth: "editor",
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
        auth: "editor",
        params: FlowParams,
        body: DraftFlow,
        detail: { summary: "Keeps work in progress, unvalidated, without making a version" },
      },
    )
    .post(
      "/:id/publish",
      async ({ params, body, principal }) => {
        const summary = await flowService.publish(params.id, body.version);
        await audit.record(principal, "flow.publish", params.id, { version: body.version });
        return summary;
      },
      {
        auth: "editor",
        params: FlowParams,
        body: t.Object({ version: t.Integer({ minimum: 1 }) }),
        response: FlowSummary,
        detail: { summary: "Makes a version the one new chats start on, once it compiles" },
      },
    )
    .get("/:id/diff", ({ params, query }) => flowService.diff(params.id, query.from, query.to), {
      auth: ["editor", "viewer"],
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
        auth: ["editor", "viewer"],
        params: FlowParams,
        query: VersionQuery,
        detail: { summary: "The flow file, as a download" },
      },
    )
    .delete(
      "/:id",
      async ({ params, principal }) => {
        await flowService.remove(params.id);
        await audit.record(principal, "flow.delete", params.id);
        return { deleted: true as const };
      },
      {
        auth: "editor",
        params: FlowParams,
        detail: { summary: "Deletes a flow and all its versions" },
      },
    );
}
