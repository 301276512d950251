import { useCallback, useState } from "react";
import { describeApiError } from "../api/api-result.ts";
import { useStudioApi } from "../app/api-context.tsx";
import type { Editor } from "../core/editor-store.ts";
import { editBackups } from "./edit-backups.ts";

export type SaveStatus =
  | { state: "idle" }
  | { state: "saving" }
  | { state: "saved"; what: string }
  | { state: "failed"; message: string };

/**
 * Saving the draft and versions. A save sends the document as it is when the save starts;
 * edits made meanwhile stay unsaved. A failed save leaves the edit in the editor and keeps a
 * copy in the browser, so it is never lost.
 */
export function useSaving(editor: Editor) {
  const api = useStudioApi();
  const [status, setStatus] = useState<SaveStatus>({ state: "idle" });

  const saveDraft = useCallback(async () => {
    const { flow } = editor.getState();
    setStatus({ state: "saving" });
    const result = await api.saveDraft(flow);
    if (!result.ok) {
      editBackups.keep(flow);
      setStatus({ state: "failed", message: `The draft was not saved: ${result.error.message}` });
      return false;
    }
    editor.markSaved(flow);
    editBackups.drop(flow.id);
    setStatus({ state: "saved", what: "Draft saved" });
    return true;
  }, [api, editor]);

  /** Saves a version; resolves with an error message when the server refused it. */
  const saveVersion = useCallback(
    async (note: string): Promise<string | undefined> => {
      const { flow } = editor.getState();
      setStatus({ state: "saving" });
      const result = await api.saveVersion(flow, note || undefined);
      if (!result.ok) {
        editBackups.keep(flow);
        const message = describeApiError(result.error);
        setStatus({ state: "failed", message: `The version was not saved: ${message}` });
        return message;
      }
      editor.markSaved(flow);
      editBackups.drop(flow.id);
      setStatus({ state: "saved", what: `Saved as version ${result.data.version}` });
      return undefined;
    },
    [api, editor],
  );

  return { status, saveDraft, saveVersion };
}
