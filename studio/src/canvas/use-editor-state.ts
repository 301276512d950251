import { useSyncExternalStore } from "react";
import type { Editor, EditorState } from "../core/editor-store.ts";

/** The editor's state, re-rendering the component when it changes. */
export function useEditorState(editor: Editor): EditorState {
  return useSyncExternalStore(editor.subscribe, editor.getState);
}
