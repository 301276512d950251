import type { Simulation } from "@switchboard/engine/schema";
import { useEffect, useId, useState } from "react";
import { Dialog } from "../../ui/Dialog.tsx";
import { ErrorMessage } from "../../ui/Status.tsx";

/** One simulation as JSON to edit; the server checks it against the simulation format on save. */
export function SimulationEditor({
  editing,
  onClose,
  onSave,
}: {
  editing: { simulation: Simulation; index: number | null } | undefined;
  onClose: () => void;
  /** Resolves with why the save failed, or nothing when it worked. */
  onSave: (simulation: Simulation) => Promise<string | undefined>;
}) {
  const id = useId();
  const [text, setText] = useState("");
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    setText(editing ? JSON.stringify(editing.simulation, null, 2) : "");
    setError(undefined);
  }, [editing]);

  async function save() {
    let simulation: Simulation;
    try {
      simulation = JSON.parse(text) as Simulation;
    } catch (cause) {
      return setError(`Not valid JSON: ${(cause as Error).message}`);
    }
    setSaving(true);
    const problem = await onSave(simulation);
    setSaving(false);
    if (problem) setError(problem);
    else onClose();
  }

  return (
    <Dialog
      open={editing !== undefined}
      title={editing?.index === null ? "Add a simulation" : "Edit the simulation"}
      onClose={onClose}
      wide
      actions={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={saving} onClick={() => void save()}>
            {saving ? "Saving…" : "Save"}
          </button>
        </>
      }
    >
      <label htmlFor={id}>Simulation</label>
      <textarea
        id={id}
        className="code"
        rows={18}
        spellCheck={false}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <p className="hint">
        Turns are <code>{"{ user, expect }"}</code>, <code>{"{ agent }"}</code>,{" "}
        <code>{"{ handback: true }"}</code> or <code>{"{ close: true }"}</code>; expectations: reply
        (contains, excludes, matches), intent, visited, vars, handoff, status, quickReplies.
      </p>
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </Dialog>
  );
}
