import type { SimulationTurn } from "@switchboard/engine/schema";
import { useEffect, useId, useMemo, useState } from "react";
import { describeApiError } from "../../api/api-result.ts";
import type { ChatSession } from "../../runs/chat-session.ts";
import {
  ALL_EXPECTATIONS,
  type ExpectationChoice,
  simulationFromChat,
  uniqueSimulationName,
} from "../../runs/simulation-from-chat.ts";
import { Dialog } from "../../ui/Dialog.tsx";
import { ErrorMessage, Loading } from "../../ui/Status.tsx";
import { TurnForm } from "../simulations/TurnForm.tsx";
import { useTurnChoices } from "../simulations/use-turn-choices.ts";
import type { TestingKit } from "../testing/testing-kit.ts";

const CHOICES: { key: keyof ExpectationChoice; label: string }[] = [
  { key: "reply", label: "A phrase of each reply" },
  { key: "path", label: "The nodes visited" },
  { key: "intent", label: "The intent" },
  { key: "status", label: "The status (waiting, handoff, ended)" },
  { key: "quickReplies", label: "The quick replies" },
];

/**
 * "Save this conversation as a simulation": the chat's turns, each expecting what the flow did,
 * shown as forms to edit before it is added to the flow's simulations file.
 */
export function SaveSimulationDialog({
  kit,
  open,
  session,
  onClose,
  onSaved,
}: {
  kit: TestingKit;
  open: boolean;
  session: ChatSession;
  onClose: () => void;
  onSaved: (name: string, file: string) => void;
}) {
  const nameId = useId();
  const [existing, setExisting] = useState<{ name: string }[] | undefined>();
  const [name, setName] = useState("");
  const [choice, setChoice] = useState<ExpectationChoice>(ALL_EXPECTATIONS);
  const [edited, setEdited] = useState<SimulationTurn[]>();
  // Bumped when the turns are generated afresh, so that their forms start from the new turns.
  const [generation, setGeneration] = useState(0);
  const choices = useTurnChoices(kit);
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    setExisting(undefined);
    setEdited(undefined);
    setGeneration((g) => g + 1);
    setError(undefined);
    let live = true;
    void kit.api.listSimulations(kit.flowId).then((result) => {
      if (!live) return;
      const names = result.ok ? result.data.simulations : [];
      if (!result.ok) setError(`The flow's simulations could not be read: ${result.error.message}`);
      setExisting(names);
      const first = session.turns.find((turn) => turn.timeline.input.kind === "user")?.timeline
        .input;
      const base = first?.kind === "user" ? first.text.slice(0, 48) : "Conversation";
      setName(uniqueSimulationName(names, base));
    });
    return () => {
      live = false;
    };
  }, [open, kit, session]);

  const generated = useMemo(() => {
    const turns = session.turns.map((turn) => ({
      input: turn.timeline.input,
      ...(turn.timeline.result ? { result: turn.timeline.result } : {}),
    }));
    return simulationFromChat(turns, { name, expect: choice });
  }, [session, name, choice]);
  const simulation = { ...generated, turns: edited ?? generated.turns };

  async function save() {
    setSaving(true);
    const result = await kit.api.addSimulation(kit.flowId, simulation);
    setSaving(false);
    if (!result.ok) return setError(describeApiError(result.error));
    kit.simulations.set((state) => ({ ...state, stale: true }));
    onSaved(simulation.name, result.data.file);
  }

  return (
    <Dialog
      open={open}
      title="Save this conversation as a simulation"
      onClose={onClose}
      wide
      actions={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => void save()}
            disabled={saving || existing === undefined}
          >
            {saving ? "Saving…" : "Save simulation"}
          </button>
        </>
      }
    >
      {existing === undefined ? (
        <Loading label="Reading the flow's simulations…" />
      ) : (
        <div className="form">
          <label htmlFor={nameId}>Name</label>
          <input id={nameId} value={name} onChange={(event) => setName(event.target.value)} />
          <fieldset className="expectation-choice">
            <legend>Each turn expects what it did here:</legend>
            {CHOICES.map(({ key, label }) => (
              <label key={key} className="field-checkbox">
                <input
                  type="checkbox"
                  checked={choice[key]}
                  onChange={(event) => {
                    setChoice({ ...choice, [key]: event.target.checked });
                    setEdited(undefined);
                    setGeneration((g) => g + 1);
                  }}
                />
                {label}
              </label>
            ))}
          </fieldset>
          <ol className="simulation-turns" aria-label="Turns">
            {simulation.turns.map((turn, index) => (
              // Turns are neither added nor removed here: their place is their identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <li key={`${generation}-${index}`}>
                <TurnForm
                  turn={turn}
                  index={index}
                  choices={choices}
                  onChange={(next) =>
                    setEdited(simulation.turns.map((t, i) => (i === index ? next : t)))
                  }
                />
              </li>
            ))}
          </ol>
          <p className="hint">
            It runs on the local model; it is added to the flow's simulations file, which the
            Simulations tab and <code>switchboard simulate</code> run.
          </p>
        </div>
      )}
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </Dialog>
  );
}
