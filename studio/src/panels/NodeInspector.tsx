import { nodeDefinitions } from "@switchboard/engine/schema";
import { memo, useMemo } from "react";
import type { Editor } from "../core/editor-store.ts";
import type { FlowNode } from "../core/flow-draft.ts";
import { renameNode, setEntry, setNodeValue } from "../core/flow-edits.ts";
import { type LocatedProblem, messagesAt } from "../core/problems.ts";
import { fieldSpec, type JsonSchema } from "../core/schema-form.ts";
import { FieldMessages } from "./fields/FieldMessages.tsx";
import { FieldContext, type FieldContextValue } from "./fields/field-context.ts";
import { ObjectField } from "./fields/ObjectField.tsx";
import { TextField } from "./fields/TextField.tsx";
import { usePicks } from "./fields/use-picks.ts";
import { useTypingSteps } from "./fields/use-typing-steps.ts";
import { IntentReport } from "./intents/IntentReport.tsx";
import { NodeIdField } from "./NodeIdField.tsx";

interface NodeInspectorProps {
  editor: Editor;
  node: FlowNode;
  isEntry: boolean;
  takenIds: ReadonlySet<string>;
  problems: LocatedProblem[];
  names: string[];
  saveDraft: () => Promise<boolean>;
}

const TITLE_SPEC = { kind: "text", multiline: false } as const;

/** The selected node's form, generated from its type's config schema. */
export const NodeInspector = memo(function NodeInspector({
  editor,
  node,
  isEntry,
  takenIds,
  problems,
  names,
  saveDraft,
}: NodeInspectorProps) {
  const definition = nodeDefinitions[node.type];
  const spec = useMemo(() => fieldSpec(definition.config as unknown as JsonSchema), [definition]);
  const { stepKey, onFocusCapture } = useTypingSteps();
  const picks = usePicks(editor);
  const context = useMemo<FieldContextValue>(
    () => ({
      idPrefix: "inspector",
      setValue: (pointer, value) =>
        editor.edit(
          (flow) => setNodeValue(flow, node.id, pointer, value),
          stepKey(`${node.id}${pointer}`),
        ),
      messagesAt: (pointer) => messagesAt(problems, node.id, pointer),
      names,
      picks,
    }),
    [editor, node.id, problems, names, stepKey, picks],
  );
  return (
    <FieldContext.Provider value={context}>
      <div onFocusCapture={onFocusCapture}>
        <div className="inspector-heading">
          <h2>{definition.label}</h2>
          <span className="badge">{node.type}</span>
        </div>
        <p className="hint">{definition.description}</p>
        <FieldMessages id="inspector-node-messages" messages={messagesAt(problems, node.id, "")} />
        <NodeIdField
          id={node.id}
          takenIds={takenIds}
          onRename={(next) => {
            editor.edit((flow) => renameNode(flow, node.id, next));
            editor.selectNode(next);
          }}
        />
        <TextField
          pointer="/title"
          value={node.title}
          spec={TITLE_SPEC}
          schema={{}}
          label="Title"
          required={false}
        />
        <div className="field">
          {isEntry ? (
            <p className="hint">Conversations start at this node.</p>
          ) : (
            <button type="button" onClick={() => editor.edit((flow) => setEntry(flow, node.id))}>
              Start conversations here
            </button>
          )}
        </div>
        {spec.kind === "object" && (
          <ObjectField
            pointer="/config"
            value={node.config}
            spec={spec}
            schema={{}}
            label="Configuration"
            required
          />
        )}
        {node.type === "classify" && (
          <IntentReport editor={editor} nodeId={node.id} saveDraft={saveDraft} />
        )}
        <button type="button" className="danger" onClick={() => editor.deleteSelection()}>
          Delete node
        </button>
      </div>
    </FieldContext.Provider>
  );
});
