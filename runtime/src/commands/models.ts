import { type ModelStatus, probeCatalog } from "@switchboard/engine";
import { loadModelCatalog } from "../config/index.ts";
import { formatTable } from "./format-table.ts";

/** How long a probe may wait for a server before calling it unreachable. */
const PROBE_TIMEOUT_MS = 2000;

function printStatuses(statuses: ModelStatus[]): void {
  const rows = [["name", "provider", "model", "reachable", "fallbacks", "detail"]];
  for (const s of statuses) {
    rows.push([s.name, s.provider, s.model, s.reachable, s.fallbacks.join(" → ") || "—", s.detail]);
  }
  console.log(formatTable(rows));
}

/**
 * `switchboard models [--json]`: every catalog entry with its provider, model id, fallbacks and
 * whether it answers (a cheap probe). Exits 1 when any entry is unreachable, so scripts can
 * wait for a model server.
 */
export async function modelsCommand(options: { json?: boolean }): Promise<number> {
  const statuses = await probeCatalog(await loadModelCatalog(), { timeoutMs: PROBE_TIMEOUT_MS });
  if (options.json) console.log(JSON.stringify(statuses, null, 2));
  else printStatuses(statuses);
  return statuses.some((s) => s.reachable === "no") ? 1 : 0;
}
