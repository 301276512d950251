import { Elysia, t } from "elysia";
import type { Services } from "../services.ts";
import { checkReadiness, modelStatusProbe } from "./readiness.ts";

/** Liveness, readiness and the model catalog's state. */
export function healthRoutes(services: Services) {
  const modelStatuses = modelStatusProbe(services.catalog);
  return (
    new Elysia({ tags: ["Health"] })
      .get("/health", () => ({ status: "ok" as const }), {
        detail: { summary: "Liveness: the process answers" },
      })
      // The earlier chat services' name, which their probes and compose files still call.
      .get("/healthz", () => ({ status: "ok" as const }), {
        detail: { summary: "Liveness, as /health" },
      })
      .get(
        "/ready",
        async ({ set }) => {
          const readiness = await checkReadiness(services, modelStatuses);
          if (!readiness.ready) set.status = 503;
          return readiness;
        },
        {
          detail: {
            summary: "Readiness: database reachable, flows compiled, each model's reachability",
          },
        },
      )
      .get("/models", () => modelStatuses(), {
        detail: { summary: "The model catalog, with each model's reachability" },
        response: t.Array(
          t.Object({
            name: t.String(),
            provider: t.String(),
            model: t.String(),
            fallbacks: t.Array(t.String()),
            reachable: t.Union([t.Literal("yes"), t.Literal("no"), t.Literal("unknown")]),
            detail: t.String(),
          }),
        ),
      })
  );
}
