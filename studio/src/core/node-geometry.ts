import type { FlowEdge, FlowNode } from "./flow-draft.ts";
import { type OutputHandle, outputHandles, PLAIN_HANDLE, summarizeNode } from "./node-metadata.ts";

/**
 * A node's box on the canvas, computed from its content rather than measured, so the layout
 * (in a worker, or in a test without a browser) and the node view agree to the pixel: the view
 * draws each row at these heights, and the output handles at these offsets.
 */
export interface NodeGeometry {
  width: number;
  height: number;
  /** The input handle's offset from the node's top. */
  inputY: number;
  /** Each output handle, with its offset from the node's top. */
  outputs: (OutputHandle & { y: number })[];
}

/** Row heights of the node view, in pixels (`styles.css` gives the rows the same heights). */
const NODE_ROWS = {
  width: 220,
  /** Border and padding above the first row and below the last. */
  edge: 9,
  header: 16,
  /** The title and the gap above it. */
  title: 22,
  id: 16,
  /** The summary and the gap above it. */
  summary: 22,
  /** The gap above the output rows. */
  outputsGap: 6,
  output: 20,
} as const;

/** Whether the node draws a single plain output (a handle on its side) rather than output rows. */
export function hasPlainOutputOnly(outputs: readonly OutputHandle[]): boolean {
  return outputs.length === 1 && outputs[0]?.id === PLAIN_HANDLE;
}

/**
 * The node's box and handle offsets.
 *
 * @example
 * nodeGeometry({ id: "hi", type: "reply", config: { text: "Hello" } }).height // 78
 */
export function nodeGeometry(node: FlowNode, edges: readonly FlowEdge[] = []): NodeGeometry {
  const rows = NODE_ROWS;
  const handles = outputHandles(node, edges);
  let y = rows.edge + rows.header + rows.title;
  if (node.title) y += rows.id;
  if (summarizeNode(node)) y += rows.summary;
  if (hasPlainOutputOnly(handles)) {
    const height = y + rows.edge;
    return {
      width: rows.width,
      height,
      inputY: height / 2,
      outputs: handles.map((h) => ({ ...h, y: height / 2 })),
    };
  }
  y += rows.outputsGap;
  const outputs = handles.map((handle, i) => ({
    ...handle,
    y: y + i * rows.output + rows.output / 2,
  }));
  const height = y + handles.length * rows.output + rows.edge;
  return { width: rows.width, height, inputY: height / 2, outputs };
}

/** Edge labels' box: the view gives each label this width, so the layout's spacing holds. */
export const EDGE_LABEL = { height: 20, charWidth: 7.6, padding: 14 } as const;

export function edgeLabelWidth(text: string): number {
  return Math.ceil(text.length * EDGE_LABEL.charWidth + EDGE_LABEL.padding);
}
