import type { FlowDraft } from "../core/flow-draft.ts";

/** Edits a save could not store, kept in this browser until they are saved or discarded. */
export interface EditBackup {
  flow: FlowDraft;
  keptAt: string;
}

const key = (flowId: string) => `switchboard.studio.backup.${flowId}`;

/**
 * Backups of unsaved edits in localStorage: a failed save writes one, so the edit survives a
 * reload or a closed tab; a successful save removes it.
 */
export const editBackups = {
  read(flowId: string): EditBackup | undefined {
    try {
      const text = localStorage.getItem(key(flowId));
      return text ? (JSON.parse(text) as EditBackup) : undefined;
    } catch {
      return undefined;
    }
  },
  keep(flow: FlowDraft) {
    try {
      localStorage.setItem(
        key(flow.id),
        JSON.stringify({ flow, keptAt: new Date().toISOString() }),
      );
    } catch {
      // Storage full or disabled: the edit stays in the open tab, as the banner says.
    }
  },
  drop(flowId: string) {
    localStorage.removeItem(key(flowId));
  },
};
