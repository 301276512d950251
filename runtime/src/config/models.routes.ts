import { Elysia, t } from "elysia";
import { authGuard } from "../auth/auth-guard.ts";
import type { Services } from "../services.ts";

/** `/api/models`: the model catalog's names, which flows and their nodes may name. */
export function modelRoutes(services: Services) {
  const { models, tokens } = services;
  return new Elysia({ prefix: "/api/models", tags: ["Flows"] })
    .use(authGuard(tokens))
    .get("/", () => ({ models: models.names }), {
      auth: ["editor", "viewer"],
      response: t.Object({ models: t.Array(t.String()) }),
      detail: { summary: "The names in the runtime's model catalog (no endpoints or keys)" },
    });
}
