import { Elysia, t } from "elysia";
import { authGuard } from "../auth/index.ts";
import type { Services } from "../services.ts";
import { IdParams, PageLimit } from "../shared-schemas.ts";
import { listChatRuns } from "./run-history.ts";

const Run = t.Object({
  id: t.String(),
  chatId: t.Nullable(t.String()),
  threadId: t.String(),
  flowId: t.String(),
  flowVersion: t.Number(),
  status: t.UnionEnum(["completed", "interrupted", "failed"]),
  error: t.Nullable(t.String()),
  startedAt: t.String(),
  durationMs: t.Number(),
  traceUrl: t.Optional(
    t.Nullable(t.String({ description: "The turn's trace, when tracing is on" })),
  ),
  nodes: t.Array(
    t.Object({
      nodeId: t.String(),
      startedAt: t.String(),
      durationMs: t.Number(),
      error: t.Nullable(t.String()),
      route: t.Nullable(
        t.String({ description: "The branch the node took; null when it has one way out" }),
      ),
    }),
  ),
  modelCalls: t.Array(
    t.Object({
      nodeId: t.String(),
      model: t.String(),
      inputTokens: t.Number(),
      outputTokens: t.Number(),
      durationMs: t.Number(),
      error: t.Nullable(t.String()),
    }),
  ),
});

/** A conversation's turns as recorded, for admins: the studio's timeline. */
export function runRoutes({ database, tokens }: Services) {
  return new Elysia({ prefix: "/api/chats", tags: ["Runs"] })
    .use(authGuard(tokens))
    .get(
      "/:id/runs",
      ({ params, query }) =>
        listChatRuns(database, params.id, { limit: query.limit, before: query.before }),
      {
        auth: ["viewer", "agent"],
        params: IdParams,
        query: t.Object({
          limit: PageLimit,
          before: t.Optional(
            t.String({ description: "The last run's startedAt, for the next page" }),
          ),
        }),
        response: t.Array(Run),
        detail: {
          summary: "A chat's turns, the latest first: nodes visited, timings, model calls, errors",
        },
      },
    );
}
