import { ReactFlowProvider } from "@xyflow/react";
import { useCallback, useEffect, useState } from "react";
import type { FigureLink } from "../analytics/figure-link.ts";
import { useStudioApi } from "../app/api-context.tsx";
import { navigate } from "../app/use-route.ts";
import { createEditor, type Editor } from "../core/editor-store.ts";
import { toFlowDraft } from "../core/flow-files.ts";
import { EditorWorkspace } from "../editor/EditorWorkspace.tsx";
import { type EditBackup, editBackups } from "../editor/edit-backups.ts";
import { createWorkerChecker } from "../editor/worker-checker.ts";
import { createWorkerLayouter } from "../editor/worker-layouter.ts";
import { ErrorMessage, Loading } from "../ui/Status.tsx";

type Opening =
  | { state: "loading" }
  | { state: "failed"; message: string }
  | { state: "ready"; editor: Editor; dispose: () => void };

/** Opens a flow's draft (or latest version) in the editor, offering any edits kept in the browser. */
export function EditorScreen({
  flowId,
  conversations,
}: {
  flowId: string;
  /** Opened from a figure of the analytics screen: the conversations behind it. */
  conversations?: FigureLink;
}) {
  const api = useStudioApi();
  const [opening, setOpening] = useState<Opening>({ state: "loading" });
  const [backup, setBackup] = useState<EditBackup>();

  const open = useCallback(async () => {
    setOpening({ state: "loading" });
    const result = await api.getFlow(flowId);
    if (!result.ok) return setOpening({ state: "failed", message: result.error.message });
    const layouter = createWorkerLayouter();
    const editor = createEditor(toFlowDraft(result.data.definition), {
      checker: createWorkerChecker(),
      layouter: layouter.layout,
    });
    const dispose = () => {
      editor.dispose();
      layouter.dispose();
    };
    setOpening({ state: "ready", editor, dispose });
    setBackup(editBackups.read(flowId));
    // The catalog's model names sharpen validation once known; the editor works without them.
    const models = await api.modelNames();
    if (models.ok) editor.setValidation({ models: models.data });
  }, [api, flowId]);

  useEffect(() => {
    void open();
  }, [open]);

  // A closed editor's validator and layout workers stop with it.
  useEffect(() => {
    if (opening.state === "ready") return opening.dispose;
  }, [opening]);

  if (opening.state === "loading") return <Loading label="Opening the flow…" />;
  if (opening.state === "failed")
    return (
      <main className="screen-message">
        <ErrorMessage onRetry={open}>{opening.message}</ErrorMessage>
        <button type="button" onClick={() => navigate({ screen: "flows" })}>
          Back to the flows
        </button>
      </main>
    );
  const { editor } = opening;
  return (
    <ReactFlowProvider>
      {backup && (
        <div className="backup-banner" role="alert">
          Edits that could not be saved on {new Date(backup.keptAt).toLocaleString()} are kept in
          this browser.
          <button
            type="button"
            onClick={() => {
              editor.replaceFlow(toFlowDraft(backup.flow as unknown as Record<string, unknown>));
              setBackup(undefined);
            }}
          >
            Restore them
          </button>
          <button
            type="button"
            onClick={() => {
              editBackups.drop(flowId);
              setBackup(undefined);
            }}
          >
            Discard them
          </button>
        </div>
      )}
      <EditorWorkspace editor={editor} flowId={flowId} conversations={conversations} />
    </ReactFlowProvider>
  );
}
