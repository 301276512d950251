import type { ReactNode } from "react";
import type { SaveStatus } from "./use-saving.ts";

interface EditorHeaderProps {
  flowName: string;
  /** The live version and where it is live. */
  live: string;
  dirty: boolean;
  problemCount: number;
  canUndo: boolean;
  canRedo: boolean;
  layingOut: boolean;
  status: SaveStatus;
  /** The node search, between the flow's state and the commands. */
  search: ReactNode;
  onBack: () => void;
  onUndo: () => void;
  onRedo: () => void;
  onLayout: () => void;
  onFitView: () => void;
  onSaveDraft: () => void;
  onSaveVersion: () => void;
  onHelp: () => void;
  /** Opens the flow's knowledge screen. */
  onKnowledge: () => void;
}

function statusText(status: SaveStatus, dirty: boolean): string {
  if (status.state === "saving") return "Saving…";
  if (status.state === "failed") return "Not saved";
  if (dirty) return "Unsaved changes";
  return status.state === "saved" ? status.what : "All changes saved";
}

/** The editor's toolbar: where the flow stands, and the commands that act on all of it. */
export function EditorHeader(props: EditorHeaderProps) {
  const { status, dirty, problemCount } = props;
  return (
    <header className="app-header editor-header">
      <button type="button" className="link" onClick={props.onBack}>
        ← Flows
      </button>
      <h1 className="flow-name">{props.flowName}</h1>
      <span className="live-status">{props.live}</span>
      <span
        className={`save-status ${dirty || status.state === "failed" ? "unsaved" : ""}`}
        role="status"
      >
        {statusText(status, dirty)}
      </span>
      <span className={problemCount > 0 ? "problem-count has-problems" : "problem-count"}>
        {problemCount === 0 ? "Valid" : `${problemCount} problem${problemCount === 1 ? "" : "s"}`}
      </span>
      {props.search}
      <div className="toolbar" role="toolbar" aria-label="Editor commands">
        <button type="button" onClick={props.onUndo} disabled={!props.canUndo}>
          Undo
        </button>
        <button type="button" onClick={props.onRedo} disabled={!props.canRedo}>
          Redo
        </button>
        <button
          type="button"
          onClick={props.onLayout}
          disabled={props.layingOut}
          aria-label="Auto-layout"
        >
          {props.layingOut ? "Laying out…" : "Auto-layout"}
        </button>
        <button type="button" onClick={props.onFitView}>
          Zoom to fit
        </button>
        <button type="button" onClick={props.onSaveDraft} disabled={status.state === "saving"}>
          Save draft
        </button>
        <button
          type="button"
          className="primary"
          onClick={props.onSaveVersion}
          disabled={status.state === "saving"}
        >
          Save version…
        </button>
        <button type="button" onClick={props.onKnowledge}>
          Knowledge
        </button>
        <button type="button" onClick={props.onHelp} aria-label="Keyboard shortcuts">
          ?
        </button>
      </div>
    </header>
  );
}
