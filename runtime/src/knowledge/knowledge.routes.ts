import { Identifier } from "@switchboard/engine";
import { Elysia, t } from "elysia";
import Papa from "papaparse";
import { authGuard } from "../auth/index.ts";
import { createFlowService, versionRef } from "../flows/index.ts";
import type { Services } from "../services.ts";
import { KNOWLEDGE_LIMITS } from "./knowledge-limits.ts";
import {
  EntryId,
  ImportRequest,
  KnowledgeEntryInput,
  KnowledgeItem,
  KnowledgeParams,
} from "./knowledge-schemas.ts";
import { createKnowledgeService } from "./knowledge-service.ts";

const VersionQuery = t.Object({ version: t.Optional(versionRef("draft")) });
const EntryParams = t.Object({
  id: Identifier,
  base: Identifier,
  entry: EntryId,
});
const ImportPlan = t.Object({
  added: t.Array(KnowledgeItem),
  changed: t.Array(
    t.Object({ before: KnowledgeItem, after: KnowledgeItem, fields: t.Array(t.String()) }),
  ),
  unchanged: t.Number(),
});

/**
 * A flow's knowledge bases under `/api/flows/:id/knowledge`: editors edit the draft's entries
 * and import files; editors and viewers read any version's, export them and test questions.
 */
export function knowledgeRoutes(services: Services) {
  const { config, database, flows, models, tokens, audit } = services;
  const knowledge = createKnowledgeService({
    database,
    flowService: createFlowService({ database, flows, defaultFlow: config.defaultFlow }),
    knowledge: flows.knowledge,
    models: models.names,
    flowsDir: config.flowsDir,
  });
  const planned = ({ result: _, ...plan }: Awaited<ReturnType<typeof knowledge.previewImport>>) =>
    plan;

  return new Elysia({ prefix: "/api/flows/:id/knowledge", tags: ["Knowledge"] })
    .use(authGuard(tokens))
    .get("/", ({ params, query }) => knowledge.list(params.id, query.version), {
      auth: ["editor", "viewer"],
      params: t.Object({ id: Identifier }),
      query: VersionQuery,
      detail: {
        summary:
          "The knowledge bases a flow version answers from (default: the draft's), with their entries and FAQ nodes",
      },
    })
    .post(
      "/:base/entries",
      async ({ params, body, set, principal }) => {
        const entry = await knowledge.add(params.id, params.base, body);
        await audit.record(principal, "knowledge.add", params.id, {
          base: params.base,
          entry: entry.id,
        });
        set.status = 201;
        return entry;
      },
      {
        auth: "editor",
        params: KnowledgeParams,
        body: KnowledgeEntryInput,
        response: { 201: KnowledgeItem },
        detail: {
          summary: "Adds an entry to the draft's base (its id made from the question unless given)",
        },
      },
    )
    .put(
      "/:base/entries/:entry",
      async ({ params, body, principal }) => {
        const entry = await knowledge.update(params.id, params.base, params.entry, body);
        await audit.record(principal, "knowledge.update", params.id, {
          base: params.base,
          entry: entry.id,
        });
        return entry;
      },
      {
        auth: "editor",
        params: EntryParams,
        body: KnowledgeEntryInput,
        response: KnowledgeItem,
        detail: { summary: "Changes an entry of the draft's base; its id stays" },
      },
    )
    .delete(
      "/:base/entries/:entry",
      async ({ params, principal }) => {
        await knowledge.remove(params.id, params.base, params.entry);
        await audit.record(principal, "knowledge.delete", params.id, {
          base: params.base,
          entry: params.entry,
        });
        return { deleted: true as const };
      },
      {
        auth: "editor",
        params: EntryParams,
        detail: { summary: "Deletes an entry of the draft's base" },
      },
    )
    .post(
      "/:base/import/preview",
      async ({ params, body }) =>
        planned(await knowledge.previewImport(params.id, params.base, body)),
      {
        auth: "editor",
        params: KnowledgeParams,
        body: ImportRequest,
        response: ImportPlan,
        detail: {
          summary: `What importing a CSV, JSON knowledge file or Markdown document would add and change (at most ${KNOWLEDGE_LIMITS.importEntries} entries)`,
        },
      },
    )
    .post(
      "/:base/import",
      async ({ params, body, principal }) => {
        const plan = planned(await knowledge.applyImport(params.id, params.base, body));
        await audit.record(principal, "knowledge.import", params.id, {
          base: params.base,
          added: plan.added.length,
          changed: plan.changed.length,
        });
        return plan;
      },
      {
        auth: "editor",
        params: KnowledgeParams,
        body: ImportRequest,
        response: ImportPlan,
        detail: {
          summary: "Imports into the draft's base: adds new entries, changes matching ones",
        },
      },
    )
    .get(
      "/:base/export",
      async ({ params, query, set }) => {
        const files = await knowledge.exportFiles(params.id, params.base, query.version);
        if (query.format !== "csv") return { files };
        set.headers["content-type"] = "text/csv; charset=utf-8";
        set.headers["content-disposition"] = `attachment; filename="${params.base}.csv"`;
        const { entries } = (await knowledge.list(params.id, query.version)).find(
          (base) => base.id === params.base,
        ) ?? { entries: [] };
        return Papa.unparse(
          entries.map((entry) => ({
            id: entry.id,
            question: entry.question,
            answer: entry.answer,
            alternates: entry.alternates.join(" | "),
            tags: entry.tags.join(" | "),
          })),
          { columns: ["id", "question", "answer", "alternates", "tags"] },
        );
      },
      {
        auth: ["editor", "viewer"],
        params: KnowledgeParams,
        query: t.Object({
          version: t.Optional(versionRef("draft")),
          format: t.Optional(
            t.Union([t.Literal("files"), t.Literal("csv")], {
              description: "files (default): the base's own files and formats; csv: one table",
            }),
          ),
        }),
        detail: { summary: "The base as its knowledge files (JSON, Markdown), or as CSV" },
      },
    )
    .post(
      "/:base/test",
      ({ params, body }) => knowledge.test(params.id, params.base, body.question, body.version),
      {
        auth: ["editor", "viewer"],
        params: KnowledgeParams,
        body: t.Object({
          question: t.String({ minLength: 1, maxLength: KNOWLEDGE_LIMITS.testChars }),
          version: t.Optional(versionRef("draft")),
        }),
        detail: {
          summary:
            "Ranks the base's entries for a question, against the FAQ node's threshold, and names those the flow would answer from",
        },
      },
    )
    .get("/:base/unanswered", ({ params }) => knowledge.unanswered(params.id, params.base), {
      auth: ["editor", "viewer"],
      params: KnowledgeParams,
      detail: {
        summary: "Recent user questions that fell to no_answer and the draft still doesn't answer",
      },
    });
}
