import type { FlowDraft } from "./flow-draft.ts";
import { uniqueId } from "./node-ids.ts";

/** A flow as listed: enough to search and show it. */
export interface ListedFlow {
  id: string;
  name: string;
}

/** The flows whose id or name contains every word of `query`, case-insensitively. */
export function searchFlows<T extends ListedFlow>(flows: readonly T[], query: string): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return flows.filter((flow) => {
    const text = `${flow.id} ${flow.name}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

/** A copy of a flow under a new id (`support` → `support_copy`), as version 1. */
export function duplicateFlow(flow: FlowDraft, takenIds: readonly string[]): FlowDraft {
  const id = uniqueId(`${flow.id}_copy`, new Set(takenIds));
  return { ...flow, id, name: `${flow.name} (copy)`.slice(0, 120), version: 1 };
}

/** The file name an exported flow is saved under. */
export const exportFileName = (flow: { id: string }) => `${flow.id}.flow.json`;

/**
 * Reads an imported file's text as a flow document. The server validates it on import; this
 * only refuses what is not a JSON object, with a sentence saying so.
 */
export function readFlowFile(
  text: string,
): { ok: true; flow: unknown } | { ok: false; message: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== "object" || Array.isArray(value))
      return { ok: false, message: "The file is JSON, but not a flow: a flow is a JSON object." };
    return { ok: true, flow: value };
  } catch (error) {
    return { ok: false, message: `The file is not valid JSON: ${(error as Error).message}` };
  }
}

const list = (value: unknown) => (Array.isArray(value) ? value : []);

/**
 * A stored document as the editor's draft. Drafts are stored unchecked, so the lists the
 * editor walks are made lists; everything else is left for the validator to report.
 */
export function toFlowDraft(document: Record<string, unknown>): FlowDraft {
  return {
    ...document,
    models: list(document.models),
    knowledge: list(document.knowledge),
    variables: list(document.variables),
    nodes: list(document.nodes),
    edges: list(document.edges),
  } as FlowDraft;
}
