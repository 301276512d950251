import { useSyncExternalStore } from "react";
import type { Editor, EditorState } from "../core/editor-store.ts";

/** The editor's whole state, re-rendering the component on every change (drags included). */
export function useEditorState(editor: Editor): EditorState {
  return useSyncExternalStore(editor.subscribe, editor.getState);
}

/**
 * One value from the editor's state, re-rendering the component only when it changes. The
 * selector must return a primitive or an object the state keeps (not a new one each time).
 *
 * @example
 * const dirty = useEditorSelector(editor, (state) => state.dirty);
 */
export function useEditorSelector<T>(editor: Editor, select: (state: EditorState) => T): T {
  return useSyncExternalStore(editor.subscribe, () => select(editor.getState()));
}
