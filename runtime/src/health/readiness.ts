import { type ModelCatalog, type ModelStatus, probeCatalog } from "@switchboard/engine";
import { sql } from "kysely";
import type { FlowLoadReport } from "../flows/index.ts";
import type { Services } from "../services.ts";
import type { TracingStats } from "../tracing/index.ts";
import type { WhatsAppStatus } from "../whatsapp/index.ts";
import { cachedProbe } from "./cached-probe.ts";
import { modelAvailability } from "./model-availability.ts";

/** How long `/ready` and `/models` wait for one model to answer. */
const PROBE_TIMEOUT_MS = 2000;
/** How long a probe's answer is reused by `/ready` and `/models`. */
const PROBE_CACHE_MS = 5000;

export interface Readiness {
  ready: boolean;
  /** `degraded`: ready, but some model is down and its fallback answers in its place. */
  status: "ready" | "degraded" | "unready";
  database: { ok: boolean; detail: string };
  flows: FlowLoadReport;
  models: ModelStatus[];
  /** Spans sent to Langfuse, buffered, and dropped or failed while it was slow or down. */
  tracing: TracingStats;
  /** Whether the WhatsApp channel is on; off never makes the server unready. */
  whatsapp: WhatsAppStatus;
}

/**
 * Whether the server can serve chats: the database answers, every published flow compiles and
 * every model answers, itself or through its fallbacks (a model that can't be probed cheaply
 * counts as up). Tracing is reported but never makes the server unready: a Langfuse outage
 * doesn't stop conversations.
 */
export async function checkReadiness(
  {
    database,
    flows,
    tracing,
    whatsapp,
  }: Pick<Services, "database" | "flows" | "tracing" | "whatsapp">,
  modelStatuses: () => Promise<ModelStatus[]>,
): Promise<Readiness> {
  const [databaseState, flowState, models] = await Promise.all([
    sql`select 1`.execute(database.db).then(
      () => ({ ok: true, detail: database.dialect }),
      () => ({ ok: false, detail: "unreachable" }),
    ),
    flows.loadPublished().catch(
      (error: unknown): FlowLoadReport => ({
        loaded: [],
        failed: [{ id: "*", version: 0, message: (error as Error).message }],
      }),
    ),
    modelStatuses(),
  ]);
  const availability = modelAvailability(models);
  const ready =
    databaseState.ok &&
    flowState.failed.length === 0 &&
    flowState.loaded.length > 0 &&
    availability !== "down";
  return {
    ready,
    status: !ready ? "unready" : availability === "degraded" ? "degraded" : "ready",
    database: databaseState,
    flows: flowState,
    models,
    tracing: await tracing.stats(),
    whatsapp: whatsapp.status,
  };
}

/**
 * Every catalog entry with whether it answers, probed in parallel, at most once per
 * `PROBE_CACHE_MS` however often it is asked.
 */
export function modelStatusProbe(catalog: ModelCatalog): () => Promise<ModelStatus[]> {
  return cachedProbe(() => probeCatalog(catalog, { timeoutMs: PROBE_TIMEOUT_MS }), PROBE_CACHE_MS);
}
