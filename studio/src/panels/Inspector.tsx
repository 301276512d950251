import { useMemo } from "react";
import { useEditorSelector, useEditorState } from "../canvas/use-editor-state.ts";
import { edgeIds } from "../core/edge-ids.ts";
import type { Editor } from "../core/editor-store.ts";
import type { FlowEdge, FlowNode } from "../core/flow-draft.ts";
import type { LocatedProblem } from "../core/problems.ts";
import { readableNames } from "../core/template-hints.ts";
import { FlowSettings } from "./FlowSettings.tsx";
import { FieldMessages } from "./fields/FieldMessages.tsx";
import { NodeInspector } from "./NodeInspector.tsx";

/**
 * The form for what is selected: a node, an edge, several things, or the flow itself.
 * `saveDraft` saves the canvas first where a server-side check reads the saved draft.
 */
export function Inspector({
  editor,
  saveDraft,
}: {
  editor: Editor;
  saveDraft: () => Promise<boolean>;
}) {
  const selection = useEditorSelector(editor, (s) => s.selection);
  const [nodeId] = selection.nodes;
  const [edgeId] = selection.edges;
  const count = selection.nodes.size + selection.edges.size;

  if (count === 0) return <FlowSettingsView editor={editor} />;
  if (count === 1 && nodeId !== undefined)
    return <SelectedNode key={nodeId} editor={editor} id={nodeId} saveDraft={saveDraft} />;
  if (count === 1 && edgeId !== undefined) return <EdgeSummary editor={editor} edgeId={edgeId} />;
  return (
    <div>
      <div className="inspector-heading">
        <h2>{count} items selected</h2>
      </div>
      <div className="button-row">
        <button
          type="button"
          onClick={() => editor.duplicate()}
          disabled={selection.nodes.size === 0}
        >
          Duplicate nodes
        </button>
        <button type="button" className="danger" onClick={() => editor.deleteSelection()}>
          Delete selection
        </button>
      </div>
    </div>
  );
}

function FlowSettingsView({ editor }: { editor: Editor }) {
  const { flow, problems } = useEditorState(editor);
  const names = useMemo(() => readableNames(flow), [flow]);
  return <FlowSettings editor={editor} flow={flow} problems={problems} names={names} />;
}

/** Names as one string: a selector's value must compare equal when nothing changed. */
const NAME_LIST = (names: string[]) => names.join("\n");

/**
 * The selected node's form, reading only what moving nodes leaves alone (its config keeps its
 * identity through a move), so a drag redraws no form.
 */
function SelectedNode({
  editor,
  id,
  saveDraft,
}: {
  editor: Editor;
  id: string;
  saveDraft: () => Promise<boolean>;
}) {
  const find = (nodes: FlowNode[]) => nodes.find((node) => node.id === id);
  const type = useEditorSelector(editor, (s) => find(s.flow.nodes)?.type);
  const title = useEditorSelector(editor, (s) => find(s.flow.nodes)?.title);
  const config = useEditorSelector(editor, (s) => find(s.flow.nodes)?.config);
  const isEntry = useEditorSelector(editor, (s) => s.flow.entry === id);
  const problems = useEditorSelector(editor, (s) => s.problems);
  const idList = useEditorSelector(editor, (s) => NAME_LIST(s.flow.nodes.map((node) => node.id)));
  const nameList = useEditorSelector(editor, (s) => NAME_LIST(readableNames(s.flow)));
  const takenIds = useMemo(() => new Set(idList.split("\n")), [idList]);
  const names = useMemo(() => nameList.split("\n").filter(Boolean), [nameList]);
  if (type === undefined || config === undefined) return null;
  const node = { id, type, title, config } as FlowNode;
  return (
    <NodeInspector
      editor={editor}
      node={node}
      isEntry={isEntry}
      takenIds={takenIds}
      problems={problems}
      names={names}
      saveDraft={saveDraft}
    />
  );
}

function EdgeSummary({ editor, edgeId }: { editor: Editor; edgeId: string }) {
  const edges = useEditorSelector(editor, (s) => s.flow.edges);
  const problems = useEditorSelector(editor, (s) => s.problems);
  const edge: FlowEdge | undefined = edges[edgeIds(edges).indexOf(edgeId)];
  const messages = problems
    .filter((p: LocatedProblem) => p.edgeId === edgeId)
    .map((p) => p.message);
  return (
    <div>
      <div className="inspector-heading">
        <h2>Edge</h2>
      </div>
      {edge && (
        <p>
          From <code>{edge.source}</code> to <code>{edge.target}</code>
          {edge.branch && (
            <>
              {" "}
              on branch <code>{edge.branch}</code>
            </>
          )}
          .
        </p>
      )}
      <FieldMessages id="inspector-edge-messages" messages={messages} />
      <button type="button" className="danger" onClick={() => editor.deleteSelection()}>
        Delete edge
      </button>
    </div>
  );
}
