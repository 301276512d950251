import type { FlowEdge } from "../core/flow-draft.ts";
import { createPathHighlighter, highlightPath, type PathHighlighter } from "./path-highlight.ts";
import type { TurnTimeline } from "./turn-timeline.ts";

/** A turn opened in the timeline: from the chat, a simulation or a recorded conversation. */
export interface Inspection {
  /** Identifies the turn, so the live one can be followed as it changes. */
  key: string;
  /** Says where it comes from, e.g. "Chat, turn 2". */
  label: string;
  timeline: TurnTimeline;
  /** The flow it ran on, when not the one on the canvas. */
  flow?: { id: string; version: number | null };
  /** A replayed turn's first node that behaved differently from the recording. */
  diverged?: string | null;
}

export interface TestBenchState {
  inspection: Inspection | null;
  /** The step picked in the timeline (its index), whose states and calls are shown. */
  selectedStep: number | null;
}

/**
 * What the testing panels share, without React: the turn open in the timeline, the step picked
 * in it, and the path it lights on the canvas (through the highlighter the canvas reads). The
 * path is lit only for turns of the flow on the canvas.
 *
 * @example
 * const bench = createTestBench();
 * bench.setFlowEdges(flow.edges);
 * bench.inspect({ key: "chat:1", label: "Chat, turn 1", timeline });
 */
export function createTestBench(highlighter: PathHighlighter = createPathHighlighter()) {
  let state: TestBenchState = { inspection: null, selectedStep: null };
  let edges: readonly FlowEdge[] = [];
  let canvasFlowId: string | null = null;
  const listeners = new Set<() => void>();

  const relight = () => {
    const { inspection, selectedStep } = state;
    const onCanvas =
      inspection && (!inspection.flow || inspection.flow.id === canvasFlowId || !canvasFlowId);
    if (!onCanvas) return highlighter.clear();
    const focused =
      selectedStep === null ? null : (inspection.timeline.steps[selectedStep]?.nodeId ?? null);
    highlighter.show(
      highlightPath(inspection.timeline, edges, focused, inspection.diverged ?? null),
    );
  };

  const set = (next: TestBenchState) => {
    state = next;
    relight();
    for (const listener of listeners) listener();
  };

  return {
    highlighter,
    getState: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    /** Opens a turn in the timeline, or updates the one open under the same key. */
    inspect(inspection: Inspection) {
      const same = state.inspection?.key === inspection.key;
      const steps = inspection.timeline.steps.length;
      const selectedStep =
        same && state.selectedStep !== null && state.selectedStep < steps
          ? state.selectedStep
          : null;
      set({ inspection, selectedStep });
    },

    /** Updates the open turn if it is `key` (a live turn streaming); otherwise leaves it. */
    follow(inspection: Inspection) {
      if (state.inspection?.key === inspection.key) this.inspect(inspection);
    },

    selectStep(index: number | null) {
      set({ ...state, selectedStep: index });
    },

    close() {
      set({ inspection: null, selectedStep: null });
    },

    /** The flow on the canvas: its id, and its edges to light. */
    setCanvasFlow(flowId: string | null, flowEdges: readonly FlowEdge[]) {
      if (flowId === canvasFlowId && flowEdges === edges) return;
      canvasFlowId = flowId;
      edges = flowEdges;
      relight();
    },
  };
}

export type TestBench = ReturnType<typeof createTestBench>;
