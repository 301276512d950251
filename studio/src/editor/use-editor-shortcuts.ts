import { useReactFlow } from "@xyflow/react";
import { useEffect, useRef } from "react";
import { FIT_VIEW } from "../canvas/FlowCanvas.tsx";
import { type Clip, parseClip } from "../core/clipboard.ts";
import type { Editor } from "../core/editor-store.ts";
import { shortcutFor } from "../core/shortcuts.ts";
import { useAutoLayout } from "./use-auto-layout.ts";

/** Keys typed into a field, or inside a dialog, belong to it, not to the canvas. */
function isEditing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest("dialog[open]")) return true;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

interface ShortcutHandlers {
  onSave: () => void;
  onHelp: () => void;
}

/**
 * The editor's keyboard shortcuts (see `core/shortcuts.ts`), and copy and paste through the
 * system clipboard, so nodes can move between tabs. A copy is also kept in memory for
 * browsers that keep the clipboard from the page.
 */
export function useEditorShortcuts(editor: Editor, { onSave, onHelp }: ShortcutHandlers) {
  const { fitView } = useReactFlow();
  const layout = useAutoLayout(editor);
  const copied = useRef<Clip>(undefined);
  // Each paste of the same copy lands a step further, so copies don't stack exactly.
  const pastes = useRef(0);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const action = shortcutFor(event);
      // Saving works from anywhere, a field being typed in included; other keys belong to it.
      if (action !== "save" && isEditing(event.target)) return;
      if (!action || action === "copy" || action === "paste") return;
      event.preventDefault();
      const run = {
        undo: () => editor.undo(),
        redo: () => editor.redo(),
        duplicate: () => editor.duplicate(),
        delete: () => editor.deleteSelection(),
        selectAll: () =>
          editor.select({
            nodes: new Set(editor.getState().flow.nodes.map((n) => n.id)),
            edges: new Set(),
          }),
        save: onSave,
        layout,
        fitView: () => fitView({ ...FIT_VIEW, duration: 200 }),
        help: onHelp,
      }[action];
      run();
    };
    const onCopy = (event: ClipboardEvent) => {
      if (isEditing(event.target) || editor.getState().selection.nodes.size === 0) return;
      const clip = editor.copy();
      copied.current = clip;
      pastes.current = 0;
      event.clipboardData?.setData("text/plain", JSON.stringify(clip));
      event.preventDefault();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isEditing(event.target)) return;
      const text = event.clipboardData?.getData("text/plain") ?? "";
      const clip = parseClip(text) ?? (text === "" ? copied.current : undefined);
      if (!clip) return;
      event.preventDefault();
      pastes.current += 1;
      editor.paste(clip, { x: 40 * pastes.current, y: 40 * pastes.current });
    };
    window.addEventListener("keydown", onKeyDown);
    document.addEventListener("copy", onCopy);
    document.addEventListener("paste", onPaste);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("copy", onCopy);
      document.removeEventListener("paste", onPaste);
    };
  }, [editor, fitView, layout, onSave, onHelp]);
}
