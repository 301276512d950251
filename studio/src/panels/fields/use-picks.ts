import { useMemo } from "react";
import { useEditorSelector } from "../../canvas/use-editor-state.ts";
import type { Editor } from "../../core/editor-store.ts";
import type { FieldContextValue } from "./field-context.ts";

/** The names `pick` fields offer, following the editor: the catalog's models, the flow's knowledge. */
export function usePicks(editor: Editor): FieldContextValue["picks"] {
  const model = useEditorSelector(editor, (state) => state.catalogModels);
  // Joined, so the selector's value compares equal while the ids stay the same.
  const knowledgeIds = useEditorSelector(editor, (state) =>
    state.flow.knowledge.map((knowledge) => knowledge.id).join("\n"),
  );
  return useMemo(
    () => ({ model, knowledge: knowledgeIds === "" ? [] : knowledgeIds.split("\n") }),
    [model, knowledgeIds],
  );
}
