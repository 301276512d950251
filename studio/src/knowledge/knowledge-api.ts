import type { OnApiError } from "../api/api-result.ts";
import { settle } from "../api/api-result.ts";
import type { Client } from "../api/client.ts";

/** An entry as the editor writes it: the server makes an id from the question when there is none. */
export interface EntryDraft {
  id?: string;
  question: string;
  answer: string;
  alternates: string[];
  tags: string[];
}

export type ImportFormat = "csv" | "json" | "markdown";

/**
 * A flow's knowledge bases, each call one route of `/api/flows/:id/knowledge`, each answer an
 * `ApiResult`. Entry ids may hold `#` (a Markdown section's), so they are encoded here.
 *
 * @example
 * const knowledge = createKnowledgeApi(createClient(token));
 * const bases = await knowledge.list("faq");
 */
export function createKnowledgeApi(client: Client, onError?: OnApiError) {
  const bases = (flowId: string) => client.api.flows({ id: flowId }).knowledge;
  const base = (flowId: string, baseId: string) => bases(flowId)({ base: baseId });
  const entry = (flowId: string, baseId: string, entryId: string) =>
    base(flowId, baseId).entries({ entry: encodeURIComponent(entryId) });
  return {
    list: (flowId: string) => settle(bases(flowId).get({ query: {} }), onError),
    add: (flowId: string, baseId: string, draft: EntryDraft) =>
      settle(base(flowId, baseId).entries.post(draft), onError),
    update: (flowId: string, baseId: string, entryId: string, draft: EntryDraft) =>
      settle(entry(flowId, baseId, entryId).put(draft), onError),
    remove: (flowId: string, baseId: string, entryId: string) =>
      settle(entry(flowId, baseId, entryId).delete(), onError),
    previewImport: (
      flowId: string,
      baseId: string,
      format: ImportFormat,
      text: string,
      name?: string,
    ) => settle(base(flowId, baseId).import.preview.post({ format, text, name }), onError),
    applyImport: (
      flowId: string,
      baseId: string,
      format: ImportFormat,
      text: string,
      name?: string,
    ) => settle(base(flowId, baseId).import.post({ format, text, name }), onError),
    exportFiles: (flowId: string, baseId: string) =>
      settle(base(flowId, baseId).export.get({ query: {} }), onError),
    test: (flowId: string, baseId: string, question: string) =>
      settle(base(flowId, baseId).test.post({ question }), onError),
    unanswered: (flowId: string, baseId: string) =>
      settle(base(flowId, baseId).unanswered.get(), onError),
  };
}
