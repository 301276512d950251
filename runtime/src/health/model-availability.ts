import type { ModelStatus } from "@switchboard/engine";

/**
 * Whether the catalog's models can answer: `ok` when none is known to be down, `degraded` when
 * some are down but every one of them has a fallback (or a fallback's fallback) that answers,
 * `down` when a model and all its fallbacks are down.
 *
 * @example modelAvailability(await modelStatusProbe(catalog)()) // "degraded"
 */
export function modelAvailability(models: ModelStatus[]): "ok" | "degraded" | "down" {
  const byName = new Map(models.map((model) => [model.name, model]));
  const answers = (name: string, seen: Set<string>): boolean => {
    const model = byName.get(name);
    if (!model || seen.has(name)) return false;
    if (model.reachable !== "no") return true;
    seen.add(name);
    return model.fallbacks.some((fallback) => answers(fallback, seen));
  };
  if (models.every((model) => model.reachable !== "no")) return "ok";
  return models.every((model) => answers(model.name, new Set())) ? "degraded" : "down";
}
