import { Elysia, t } from "elysia";
import { authGuard } from "../auth/index.ts";
import type { Services } from "../services.ts";
import { PageLimit } from "../shared-schemas.ts";

/** `GET /api/audit`: who did what and when, the latest first; for admins. */
export function auditRoutes({ tokens, audit }: Services) {
  return new Elysia({ prefix: "/api/audit", tags: ["Accounts"] })
    .use(authGuard(tokens))
    .get("/", ({ query }) => audit.list({ limit: query.limit ?? 50, ...query }), {
      auth: "admin",
      query: t.Object({
        limit: PageLimit,
        before: t.Optional(t.String({ description: "An entry's `at`: the page before it" })),
        action: t.Optional(t.String({ description: "Only this action, e.g. flow.publish" })),
      }),
      response: t.Array(
        t.Object({
          id: t.String(),
          at: t.String(),
          actorId: t.Nullable(t.String()),
          actorName: t.String(),
          action: t.String(),
          target: t.Nullable(t.String()),
          detail: t.Nullable(t.Record(t.String(), t.Unknown())),
        }),
      ),
      detail: {
        summary: "The audit log: sign-ins, role changes, publishes, deletes, handoff actions",
      },
    });
}
