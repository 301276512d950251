import { useReactFlow, useStoreApi } from "@xyflow/react";
import { useCallback } from "react";
import { FIT_VIEW } from "../canvas/FlowCanvas.tsx";
import type { Editor } from "../core/editor-store.ts";

/**
 * Lays the flow out for the canvas as it is now (a long flow wraps into rows of the view's
 * shape), then zooms to fit the result.
 */
export function useAutoLayout(editor: Editor): () => void {
  const { fitView } = useReactFlow();
  const store = useStoreApi();
  return useCallback(() => {
    const { width, height } = store.getState();
    const aspectRatio = width > 0 && height > 0 ? width / height : undefined;
    editor
      .layout(aspectRatio ? { aspectRatio } : {})
      .then((done) => {
        if (done) requestAnimationFrame(() => void fitView({ ...FIT_VIEW, duration: 200 }));
      })
      .catch((error: unknown) => console.error(error));
  }, [editor, fitView, store]);
}
