import { Flow } from "@switchboard/engine/schema";
import { useMemo } from "react";
import type { Editor } from "../core/editor-store.ts";
import type { FlowDraft } from "../core/flow-draft.ts";
import { setFlowValue } from "../core/flow-edits.ts";
import { type LocatedProblem, messagesAt } from "../core/problems.ts";
import {
  type FieldSpec,
  fieldSpec,
  type JsonSchema,
  type ObjectField,
} from "../core/schema-form.ts";
import { FieldContext, type FieldContextValue } from "./fields/field-context.ts";
import { SchemaField } from "./fields/SchemaField.tsx";
import { usePicks } from "./fields/use-picks.ts";
import { useTypingSteps } from "./fields/use-typing-steps.ts";

/** The flow's own settings the form shows; the id and version belong to the server. */
const SETTINGS = ["name", "description", "entry", "models", "knowledge", "variables", "fallback"];

interface FlowSettingsProps {
  editor: Editor;
  flow: FlowDraft;
  problems: LocatedProblem[];
  names: string[];
}

/** When nothing is selected: the flow's name, entry node, models, knowledge, variables, fallback. */
export function FlowSettings({ editor, flow, problems, names }: FlowSettingsProps) {
  const spec = fieldSpec(Flow as unknown as JsonSchema);
  const nodeIds = flow.nodes.map((node) => node.id);
  const fields: ObjectField[] =
    spec.kind === "object" ? spec.fields.filter((f) => SETTINGS.includes(f.key)) : [];
  const { stepKey, onFocusCapture } = useTypingSteps();
  const picks = usePicks(editor);
  const context = useMemo<FieldContextValue>(
    () => ({
      idPrefix: "flow",
      setValue: (pointer, value) =>
        editor.edit((f) => setFlowValue(f, pointer, value), stepKey(`flow${pointer}`)),
      messagesAt: (pointer) => messagesAt(problems, undefined, pointer),
      names,
      picks,
    }),
    [editor, problems, names, stepKey, picks],
  );
  const entrySpec: FieldSpec = { kind: "select", options: nodeIds };
  return (
    <FieldContext.Provider value={context}>
      <div onFocusCapture={onFocusCapture}>
        <div className="inspector-heading">
          <h2>Flow settings</h2>
        </div>
        <p className="hint">Select a node to edit it; these settings belong to the whole flow.</p>
        {fields.map((field) => (
          <SchemaField
            key={field.key}
            pointer={`/${field.key}`}
            value={(flow as Record<string, unknown>)[field.key]}
            spec={field.key === "entry" ? entrySpec : field.spec}
            schema={field.schema}
            label={field.key === "entry" ? "Start node" : field.label}
            required={field.required}
            description={field.key === "entry" ? undefined : field.description}
          />
        ))}
      </div>
    </FieldContext.Provider>
  );
}
