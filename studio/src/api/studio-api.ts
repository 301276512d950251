import { createChannelsApi } from "../channels/channels-api.ts";
import type { FlowDraft } from "../core/flow-draft.ts";
import { createKnowledgeApi } from "../knowledge/knowledge-api.ts";
import { createReplayApi } from "../replay/replay-api.ts";
import { createTestingApi } from "../runs/testing-api.ts";
import { type ApiResult, type OnApiError, settle } from "./api-result.ts";
import type { Client } from "./client.ts";

/**
 * The flow as the route's body type reads it. Elysia infers the flow schema with its own copy
 * of TypeBox, which reads two fields differently (http's `method` as `never`); the document is
 * the same JSON, so it is passed through here, in one place.
 */
type FlowBody = Parameters<Client["api"]["flows"]["post"]>[0]["flow"];
const asBody = (definition: unknown) => definition as FlowBody;

/** The days (both included, UTC) and the flow or version an analytics report covers. */
export interface AnalyticsQuery {
  from: string;
  to: string;
  flow_id?: string;
  flow_version?: number;
}

/** Which version of a flow: a number, `draft`, `published` or `latest`. */
export type VersionRef = number | "draft" | "published" | "latest";

/**
 * What the studio asks of the runtime, each call one route of the flows API, each answer an
 * `ApiResult`. `onError` hears every failure (the app signs out on a 401).
 *
 * @example
 * const api = createStudioApi(createClient(token));
 * const flows = await api.listFlows();
 * if (flows.ok) show(flows.data);
 */
export function createStudioApi(client: Client, onError?: OnApiError) {
  const flows = client.api.flows;
  const flow = (id: string) => client.api.flows({ id });
  return {
    listFlows: () => settle(flows.get(), onError),
    getFlow: (id: string, version: VersionRef = "draft") =>
      settle(flow(id).get({ query: { version } }), onError),
    listVersions: (id: string) => settle(flow(id).versions.get(), onError),
    createFlow: (definition: FlowDraft, note?: string) =>
      settle(flows.post({ flow: asBody(definition), note }), onError),
    saveVersion: (definition: FlowDraft, note?: string) =>
      settle(flow(definition.id).versions.post({ flow: asBody(definition), note }), onError),
    saveDraft: (definition: FlowDraft) =>
      settle(flow(definition.id).draft.put(definition), onError),
    publish: (id: string, version: number) => settle(flow(id).publish.post({ version }), onError),
    diff: (id: string, from: VersionRef, to: VersionRef) =>
      settle(flow(id).diff.get({ query: { from, to } }), onError),
    importFlow: (definition: unknown) =>
      settle(flows.import.post(asBody(definition), { query: {} }), onError),
    exportFlow: (id: string, version: VersionRef = "draft") =>
      settle(flow(id).export.get({ query: { version } }), onError),
    deleteFlow: (id: string) => settle(flow(id).delete(), onError),
    /** A classify node's intent quality report, by cross-validation on the server. */
    intentReport: (id: string, node: string, version: VersionRef = "draft") =>
      settle(flow(id).nodes({ node })["intent-report"].get({ query: { version } }), onError),
    /** The model catalog's names, to check a flow's `models` against as the user edits. */
    modelNames: async (): Promise<ApiResult<string[]>> => {
      const result = await settle(client.models.get(), onError);
      return result.ok ? { ok: true, data: result.data.map((model) => model.name) } : result;
    },
    /** What conversations came to over a span of days, on one flow, one version or all. */
    analytics: (query: AnalyticsQuery) => settle(client.api.analytics.get({ query }), onError),
    /** Test turns, simulations, conversations and handoffs, for the testing panels. */
    testing: createTestingApi(client, onError),
    /** Which flow each way in talks to, and the flows' web widgets. */
    channels: createChannelsApi(client, onError),
    /** The flows' knowledge bases: entries, imports, exports, tested questions. */
    knowledge: createKnowledgeApi(client, onError),
    /** Recorded conversations replayed against another version, forked, or run as a regression set. */
    replay: createReplayApi(client, onError),
  };
}

export type StudioApi = ReturnType<typeof createStudioApi>;
