import {
  Background,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
  type NodeMouseHandler,
  ReactFlow,
  useReactFlow,
} from "@xyflow/react";
import { type DragEvent, useCallback, useMemo, useRef } from "react";
import { readEdgeChanges, readNodeChanges } from "../core/canvas-changes.ts";
import {
  type CanvasEdge,
  type CanvasNode,
  type CanvasView,
  createCanvasMapper,
} from "../core/canvas-graph.ts";
import type { Editor } from "../core/editor-store.ts";
import { addNode, connect, reconnect } from "../core/flow-edits.ts";
import { routesThatHold } from "../core/layout.ts";
import { problemsByEdge, problemsByNode } from "../core/problems.ts";
import { edgeTypes } from "../nodes/BranchEdge.tsx";
import { flowNodeTypes } from "../nodes/node-types.ts";
import { usePathHighlight } from "../panels/testing/use-path-highlight.ts";
import { lightPath, type PathHighlighter } from "../runs/path-highlight.ts";
import { isPaletteDrag, readPaletteDrag } from "./palette-drag.ts";
import { useEditorState } from "./use-editor-state.ts";
import { ZoomDetail } from "./zoom-detail.tsx";

/** React Flow's numbered warnings (a missing node type, an edge to an unknown handle). */
const reportFlowError = (code: string, message: string) =>
  console.warn(`React Flow ${code}: ${message}`);

/**
 * A small flow is shown at its natural size rather than blown up to fill the canvas; the
 * padding leaves room for loop-back edges routed around the nodes (the minimap is not over it).
 */
export const FIT_VIEW = { maxZoom: 1, padding: "32px" } as const;

/**
 * The canvas: the document drawn by React Flow, and every gesture turned into an editor call
 * (drag, select, connect, reconnect, drop from the palette). Deleting is the editor's own
 * shortcut, so a node leaves with its edges in one undo step.
 */
export function FlowCanvas({
  editor,
  highlighter,
  diff,
  onOpenNode,
}: {
  editor: Editor;
  /** Lights a turn's path (the testing panels' hook point). */
  highlighter?: PathHighlighter;
  /** A version comparison to colour on the canvas. */
  diff?: CanvasView["diff"];
  /** A node was clicked: its settings should show. */
  onOpenNode?: (id: string) => void;
}) {
  const state = useEditorState(editor);
  const canvasRef = useRef<HTMLDivElement>(null);
  const { screenToFlowPosition } = useReactFlow();
  const toCanvas = useMemo(createCanvasMapper, []);
  const problems = useMemo(
    () => ({
      nodeProblems: problemsByNode(state.problems),
      edgeProblems: problemsByEdge(state.problems),
    }),
    [state.problems],
  );
  const routes = useMemo(
    () => routesThatHold(state.flow, state.routes),
    [state.flow, state.routes],
  );
  const mapped = useMemo(
    () =>
      toCanvas(state.flow, {
        selectedNodes: state.selection.nodes,
        selectedEdges: state.selection.edges,
        sizes: editor.sizes(),
        routes,
        ...(diff ? { diff } : {}),
        ...problems,
      }),
    [toCanvas, editor, state.flow, state.selection, problems, routes, diff],
  );
  const highlight = usePathHighlight(highlighter);
  const { nodes, edges } = useMemo(
    () => lightPath(mapped.nodes, mapped.edges, highlight),
    [mapped, highlight],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const { positions, sizes, dragEnded, selection } = readNodeChanges(
        changes,
        editor.getState().selection,
      );
      if (sizes.size > 0) editor.measure(sizes);
      if (positions.size > 0 || dragEnded) editor.drag(positions, dragEnded);
      if (selection) editor.select(selection);
    },
    [editor],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<CanvasEdge>[]) => {
      const selection = readEdgeChanges(changes, editor.getState().selection);
      if (selection) editor.select(selection);
    },
    [editor],
  );
  const onConnect = useCallback((c: Connection) => editor.edit((f) => connect(f, c)), [editor]);
  const onReconnect = useCallback(
    (old: Edge, c: Connection) => editor.edit((f) => reconnect(f, old.id, c)),
    [editor],
  );
  const onNodeClick: NodeMouseHandler<CanvasNode> = useCallback(
    (_, node) => onOpenNode?.(node.id),
    [onOpenNode],
  );
  const isValidConnection = useCallback((c: Connection | Edge) => c.source !== c.target, []);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!isPaletteDrag(event.dataTransfer)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = readPaletteDrag(event.dataTransfer);
      if (!type) return;
      event.preventDefault();
      const position = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      let added = "";
      editor.edit((f) => {
        const result = addNode(f, type, position);
        added = result.id;
        return result.flow;
      });
      editor.selectNode(added);
    },
    [editor, screenToFlowPosition],
  );

  return (
    <div className="canvas" ref={canvasRef}>
      <ReactFlow<CanvasNode, CanvasEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={flowNodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onReconnect={onReconnect}
        onNodeClick={onNodeClick}
        isValidConnection={isValidConnection}
        edgesReconnectable
        deleteKeyCode={null}
        onDragOver={onDragOver}
        onDrop={onDrop}
        onError={reportFlowError}
        fitView
        fitViewOptions={FIT_VIEW}
        colorMode="system"
        minZoom={0.1}
        maxZoom={2}
        aria-label="Flow canvas"
      >
        <Background gap={24} />
        <ZoomDetail canvas={canvasRef} />
      </ReactFlow>
    </div>
  );
}
