import type { Simulation, SimulationTurn } from "@switchboard/engine/schema";
import { useEffect, useId, useState } from "react";
import { Dialog } from "../../ui/Dialog.tsx";
import { ErrorMessage } from "../../ui/Status.tsx";
import { type TurnChoices, TurnForm } from "./TurnForm.tsx";

const MODELS = [
  { value: "local", label: "The local model" },
  { value: "scripted", label: "The scripted test model" },
] as const;

/**
 * One simulation as a form: its name, description and models, and its turns, each with what
 * happens and what the flow must do. The server checks it against the simulation format on save.
 */
export function SimulationEditor({
  editing,
  choices,
  onClose,
  onSave,
}: {
  editing: { simulation: Simulation; index: number | null } | undefined;
  choices: TurnChoices;
  onClose: () => void;
  /** Resolves with why the save failed, or nothing when it worked. */
  onSave: (simulation: Simulation) => Promise<string | undefined>;
}) {
  const id = useId();
  const [draft, setDraft] = useState<Simulation>();
  // Turns are keyed by when they were added, so a removed turn's form state goes with it.
  const [keys, setKeys] = useState<number[]>([]);
  const [nextKey, setNextKey] = useState(0);
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    setDraft(editing ? structuredClone(editing.simulation) : undefined);
    const count = editing?.simulation.turns.length ?? 0;
    setKeys(Array.from({ length: count }, (_, i) => i));
    setNextKey(count);
    setError(undefined);
  }, [editing]);

  const turns = draft?.turns ?? [];
  const setTurns = (next: SimulationTurn[]) => setDraft((d) => (d ? { ...d, turns: next } : d));

  async function save() {
    if (!draft) return;
    setSaving(true);
    const problem = await onSave(draft);
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
      {draft && (
        <div className="simulation-form">
          <div className="field">
            <label htmlFor={`${id}-name`}>Name</label>
            <input
              id={`${id}-name`}
              value={draft.name}
              onChange={(event) => setDraft({ ...draft, name: event.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-description`}>Description</label>
            <input
              id={`${id}-description`}
              value={draft.description ?? ""}
              onChange={(event) => {
                const { description: _old, ...rest } = draft;
                setDraft(event.target.value ? { ...rest, description: event.target.value } : rest);
              }}
            />
          </div>
          <fieldset className="simulation-models">
            <legend>Runs on</legend>
            {MODELS.map((model) => (
              <label key={model.value}>
                <input
                  type="checkbox"
                  checked={draft.models.includes(model.value)}
                  onChange={(event) =>
                    setDraft({
                      ...draft,
                      models: event.target.checked
                        ? [...draft.models, model.value]
                        : draft.models.filter((m) => m !== model.value),
                    })
                  }
                />{" "}
                {model.label}
              </label>
            ))}
          </fieldset>
          <ol className="simulation-turns">
            {turns.map((turn, index) => (
              <li key={keys[index]}>
                <TurnForm
                  turn={turn}
                  index={index}
                  choices={choices}
                  onChange={(next) => setTurns(turns.map((t, i) => (i === index ? next : t)))}
                />
                <button
                  type="button"
                  className="link"
                  aria-label={`Remove turn ${index + 1}`}
                  disabled={turns.length === 1}
                  onClick={() => {
                    setTurns(turns.filter((_, i) => i !== index));
                    setKeys(keys.filter((_, i) => i !== index));
                  }}
                >
                  Remove turn
                </button>
              </li>
            ))}
          </ol>
          <button
            type="button"
            onClick={() => {
              setTurns([...turns, { user: "" }]);
              setKeys([...keys, nextKey]);
              setNextKey(nextKey + 1);
            }}
          >
            Add a turn
          </button>
        </div>
      )}
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </Dialog>
  );
}
