import type { EdgeChange, NodeChange } from "@xyflow/react";
import type { Selection } from "./editor-store.ts";
import type { XY } from "./flow-edits.ts";
import type { Size } from "./layout.ts";

/** What a batch of React Flow node changes means for the document and the selection. */
export interface NodeChangeSummary {
  /** New positions of dragged nodes. */
  positions: Map<string, XY>;
  /** Whether a drag ended in this batch (its last positions become one undo step). */
  dragEnded: boolean;
  /** Sizes the browser measured, which React Flow needs back on each node it is given. */
  sizes: Map<string, Size>;
  /** The new selection, when the batch changed it. */
  selection?: Selection;
}

/**
 * Reads React Flow's node changes. Removals are not among them: deleting goes through the
 * editor's own shortcut, so a node and its edges leave in one undo step.
 */
export function readNodeChanges(
  changes: readonly NodeChange[],
  current: Selection,
): NodeChangeSummary {
  const positions = new Map<string, XY>();
  const sizes = new Map<string, Size>();
  let dragEnded = false;
  let nodes: Set<string> | undefined;
  for (const change of changes) {
    if (change.type === "position") {
      if (change.position) positions.set(change.id, change.position);
      if (change.dragging === false) dragEnded = true;
    } else if (change.type === "dimensions") {
      if (change.dimensions) sizes.set(change.id, change.dimensions);
    } else if (change.type === "select") {
      nodes ??= new Set(current.nodes);
      if (change.selected) nodes.add(change.id);
      else nodes.delete(change.id);
    }
  }
  return { positions, sizes, dragEnded, ...(nodes ? { selection: { ...current, nodes } } : {}) };
}

/** The new selection after React Flow's edge changes, or undefined when it did not change. */
export function readEdgeChanges(
  changes: readonly EdgeChange[],
  current: Selection,
): Selection | undefined {
  let edges: Set<string> | undefined;
  for (const change of changes) {
    if (change.type !== "select") continue;
    edges ??= new Set(current.edges);
    if (change.selected) edges.add(change.id);
    else edges.delete(change.id);
  }
  return edges ? { ...current, edges } : undefined;
}
