import type { ValidateFlowOptions } from "@switchboard/engine/validate";
import { type Clip, copyNodes, pasteClip } from "./clipboard.ts";
import { checkInThread, type FlowChecker } from "./flow-checker.ts";
import type { FlowDraft } from "./flow-draft.ts";
import { moveNodes, removeElements, type XY } from "./flow-edits.ts";
import * as history from "./history.ts";
import {
  applyLayout,
  type EdgeRoute,
  type Layouter,
  type LayoutRequest,
  LayoutSuperseded,
  layoutFlow,
  type Size,
} from "./layout.ts";
import { type LocatedProblem, locateProblems } from "./problems.ts";

export interface Selection {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

export interface EditorState {
  flow: FlowDraft;
  selection: Selection;
  /** The validator's problems with the current document, placed on nodes, edges and fields. */
  problems: LocatedProblem[];
  canUndo: boolean;
  canRedo: boolean;
  /** Whether the document differs from the one last saved. */
  dirty: boolean;
  /**
   * The edge routes of the last layout, by canvas edge id; an edge keeps its route while its
   * nodes stay where that layout put them (`routesThatHold`).
   */
  routes: ReadonlyMap<string, EdgeRoute>;
  /** Whether an auto-layout is running (a large flow takes seconds). */
  layingOut: boolean;
  /** The model catalog's names, once known (see `setValidation`): what model pickers offer. */
  catalogModels: readonly string[];
}

export const NOTHING_SELECTED: Selection = { nodes: new Set(), edges: new Set() };
const NO_MODELS: readonly string[] = [];

export interface EditorOptions {
  /** Where the validator runs (default: in this thread). */
  checker?: FlowChecker;
  /** What the flow's names are checked against, e.g. the model catalog's names. */
  validation?: ValidateFlowOptions;
  /** Where the layout runs (default: in this thread). */
  layouter?: Layouter;
}

/**
 * The editor's state without React: the document with its undo history, the selection, and
 * the validator's problems, asked for on every change of the document (moves excepted, which
 * can't change them) and shown when they come. The canvas and the panels read it through
 * `subscribe`/`getState` and change it through the methods.
 *
 * @example
 * const editor = createEditor(flow);
 * editor.edit((f) => addNode(f, "reply", { x: 0, y: 0 }).flow);
 * editor.undo();
 */
export function createEditor(initial: FlowDraft, options: EditorOptions = {}) {
  const checker = options.checker ?? checkInThread;
  let validation = options.validation ?? {};
  let past = history.startHistory(initial);
  let saved = initial;
  let selection = NOTHING_SELECTED;
  let dragStart: FlowDraft | undefined;
  let sizes: ReadonlyMap<string, Size> = new Map();
  let problems: LocatedProblem[] = [];
  let routes: ReadonlyMap<string, EdgeRoute> = new Map();
  let layingOut = 0;
  const layouter = options.layouter ?? layoutFlow;
  /** Which check is the latest: an answer to an earlier one is out of date. */
  let round = 0;
  let publishing = false;
  let state: EditorState;
  const listeners = new Set<() => void>();

  function requestCheck() {
    const flow = past.present;
    const mine = ++round;
    checker.check(flow, validation, (found) => {
      if (mine !== round) return;
      // Placed on the document that was checked: moves since then kept its node indices.
      problems = locateProblems(flow, found);
      if (!publishing) emit();
    });
  }

  function emit() {
    state = snapshot();
    for (const listener of listeners) listener();
  }

  function snapshot(): EditorState {
    return {
      flow: past.present,
      selection,
      problems,
      canUndo: history.canUndo(past),
      canRedo: history.canRedo(past),
      dirty: past.present !== saved,
      routes,
      layingOut: layingOut > 0,
      catalogModels: validation.models ?? NO_MODELS,
    };
  }

  /** Publishes the state; `revalidate: false` when only positions changed, which can't add problems. */
  function publish(revalidate = true) {
    const ids = new Set(past.present.nodes.map((node) => node.id));
    const nodes = [...selection.nodes].filter((id) => ids.has(id));
    if (nodes.length !== selection.nodes.size) selection = { ...selection, nodes: new Set(nodes) };
    publishing = true;
    if (revalidate && past.present !== state.flow) requestCheck();
    publishing = false;
    emit();
  }

  publishing = true;
  requestCheck();
  publishing = false;
  state = snapshot();

  /**
   * A flow saved as the layout left it gets that layout's routes when it opens; one arranged
   * by hand keeps its places, and its edges take plain paths.
   */
  async function routeAsLaidOut() {
    const flow = past.present;
    const laid = await layouter(flow).catch(() => undefined);
    if (!laid || laid.positions.size === 0) return;
    const placed = flow.nodes.every((node) => {
      const at = laid.positions.get(node.id);
      return at && node.position && at.x === node.position.x && at.y === node.position.y;
    });
    if (!placed || routes.size > 0) return;
    routes = laid.routes;
    emit();
  }
  void routeAsLaidOut();

  const selectOnly = (nodes: Iterable<string>) => {
    selection = { nodes: new Set(nodes), edges: new Set() };
  };

  return {
    getState: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** Applies an edit as one undo step; edits with the same `mergeKey` in a row merge. */
    edit(change: (flow: FlowDraft) => FlowDraft, mergeKey?: string) {
      const next = change(past.present);
      if (next === past.present) return;
      past = history.record(past, next, { mergeKey });
      publish();
    },

    /** Shows nodes being dragged; the drag becomes one undo step when `done`. */
    drag(positions: ReadonlyMap<string, XY>, done: boolean) {
      dragStart ??= past.present;
      const next = moveNodes(past.present, positions);
      past = done ? history.record(past, next, { before: dragStart }) : history.replace(past, next);
      if (done) dragStart = undefined;
      publish(false);
    },

    /**
     * Keeps the sizes the browser measured (they are not part of the document), for the
     * layout and for nodes drawn anew. Nothing is redrawn: the canvas already knows them.
     */
    measure(measured: ReadonlyMap<string, Size>) {
      if (measured.size === 0) return;
      const next = new Map(sizes);
      for (const [id, size] of measured) next.set(id, size);
      sizes = next;
    },

    /** The nodes' sizes as the browser measured them. */
    sizes: () => sizes,

    select(next: Selection) {
      selection = next;
      publish(false);
    },

    selectNode(id: string) {
      selectOnly([id]);
      publish(false);
    },

    undo() {
      past = history.undo(past);
      publish();
    },

    redo() {
      past = history.redo(past);
      publish();
    },

    deleteSelection() {
      const next = removeElements(past.present, selection.nodes, selection.edges);
      selection = NOTHING_SELECTED;
      if (next !== past.present) past = history.record(past, next);
      publish();
    },

    copy: (): Clip => copyNodes(past.present, selection.nodes),

    paste(clip: Clip, offset?: XY) {
      const { flow, ids } = pasteClip(past.present, clip, offset);
      if (ids.length === 0) return;
      past = history.record(past, flow);
      selectOnly(ids);
      publish();
    },

    duplicate() {
      const clip = copyNodes(past.present, selection.nodes);
      const { flow, ids } = pasteClip(past.present, clip);
      if (ids.length === 0) return;
      past = history.record(past, flow);
      selectOnly(ids);
      publish();
    },

    /**
     * Lays the flow out (ports, routed edges, placed labels) as one undo step. Resolves to
     * false, changing nothing, when the document was edited while the layout ran or a newer
     * layout replaced it.
     */
    async layout(request?: LayoutRequest): Promise<boolean> {
      const flow = past.present;
      layingOut++;
      emit();
      const laid = await layouter(flow, request)
        .catch((error: unknown) => {
          if (error instanceof LayoutSuperseded) return undefined;
          throw error;
        })
        .finally(() => {
          layingOut--;
          emit();
        });
      if (!laid || past.present !== flow) return false;
      past = history.record(past, applyLayout(flow, laid));
      routes = laid.routes;
      publish(false);
      return true;
    },

    /** Replaces the document (an old version restored as the draft), as one undo step. */
    replaceFlow(flow: FlowDraft) {
      past = history.record(past, flow);
      selection = NOTHING_SELECTED;
      publish();
    },

    /** Notes that `flow` (by default the present document) was saved. */
    markSaved(flow: FlowDraft = past.present) {
      saved = flow;
      publish(false);
    },

    /** The model names to check the flow's `models` against, once the catalog is known. */
    setValidation(next: ValidateFlowOptions) {
      validation = next;
      publishing = true;
      requestCheck();
      publishing = false;
      emit();
    },

    /** Stops the validator; the editor is not used afterwards. */
    dispose() {
      round++;
      checker.dispose();
    },
  };
}

export type Editor = ReturnType<typeof createEditor>;
