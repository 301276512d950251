import { useMemo } from "react";
import { useEditorState } from "../canvas/use-editor-state.ts";
import { edgeIds } from "../core/edge-ids.ts";
import type { Editor } from "../core/editor-store.ts";
import type { FlowEdge } from "../core/flow-draft.ts";
import type { LocatedProblem } from "../core/problems.ts";
import { readableNames } from "../core/template-hints.ts";
import { FlowSettings } from "./FlowSettings.tsx";
import { FieldMessages } from "./fields/FieldMessages.tsx";
import { NodeInspector } from "./NodeInspector.tsx";

/** The form for what is selected: a node, an edge, several things, or the flow itself. */
export function Inspector({ editor }: { editor: Editor }) {
  const { flow, selection, problems } = useEditorState(editor);
  const names = useMemo(() => readableNames(flow), [flow]);
  const takenIds = useMemo(() => new Set(flow.nodes.map((node) => node.id)), [flow.nodes]);
  const [nodeId] = selection.nodes;
  const [edgeId] = selection.edges;
  const count = selection.nodes.size + selection.edges.size;

  if (count === 0)
    return <FlowSettings editor={editor} flow={flow} problems={problems} names={names} />;
  if (count === 1 && nodeId !== undefined) {
    const node = flow.nodes.find((n) => n.id === nodeId);
    if (node)
      return (
        <NodeInspector
          key={node.id}
          editor={editor}
          node={node}
          isEntry={flow.entry === node.id}
          takenIds={takenIds}
          problems={problems}
          names={names}
        />
      );
  }
  if (count === 1 && edgeId !== undefined)
    return (
      <EdgeSummary
        editor={editor}
        edge={flow.edges[edgeIds(flow.edges).indexOf(edgeId)]}
        edgeId={edgeId}
        problems={problems}
      />
    );
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

interface EdgeSummaryProps {
  editor: Editor;
  edge: FlowEdge | undefined;
  edgeId: string;
  problems: LocatedProblem[];
}

function EdgeSummary({ editor, edge, edgeId, problems }: EdgeSummaryProps) {
  const messages = problems.filter((p) => p.edgeId === edgeId).map((p) => p.message);
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
