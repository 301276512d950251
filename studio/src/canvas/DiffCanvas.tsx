import type { DiffOverlay } from "../core/diff-overlay.ts";
import { ReadOnlyCanvas } from "./ReadOnlyCanvas.tsx";

/**
 * Two versions compared on a canvas of their own, over the editor's: the union of both laid out
 * afresh, added nodes and edges in green, removed ones dashed red, changed nodes in amber.
 * Read-only; closing it returns to the editor.
 */
export function DiffCanvas({
  overlay,
  title,
  onClose,
}: {
  overlay: DiffOverlay;
  title: string;
  onClose: () => void;
}) {
  return (
    <section className="diff-canvas" aria-label="Differences on the canvas">
      <header className="diff-canvas-header">
        <strong>{title}</strong>
        <span className="diff-legend">
          <span className="legend-added">added</span>
          <span className="legend-removed">removed</span>
          <span className="legend-changed">changed</span>
        </span>
        <button type="button" onClick={onClose}>
          Back to editing
        </button>
      </header>
      <ReadOnlyCanvas flow={overlay.flow} diff={overlay.marks} label="Compared versions" />
    </section>
  );
}
