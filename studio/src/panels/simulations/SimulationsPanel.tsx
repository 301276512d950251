import type { Simulation } from "@switchboard/engine/schema";
import { useCallback, useEffect, useState } from "react";
import { describeApiError } from "../../api/api-result.ts";
import { summarizeRun } from "../../runs/simulation-report.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { ErrorMessage, Loading } from "../../ui/Status.tsx";
import { VersionPicker } from "../chat/VersionPicker.tsx";
import type { TestingKit } from "../testing/testing-kit.ts";
import { useStore } from "../testing/use-store.ts";
import { CoverageView } from "./CoverageView.tsx";
import { SimulationEditor } from "./SimulationEditor.tsx";
import { SimulationResults } from "./SimulationResults.tsx";
import { useTurnChoices } from "./use-turn-choices.ts";

/** A new simulation to start from. */
const BLANK: Simulation = {
  name: "New simulation",
  models: ["local"],
  turns: [{ user: "Hello", expect: { status: "waiting" } }],
};

/**
 * The flow's simulations: run them against the draft or a version, see each pass or fail with
 * its first mismatch, open a turn in the timeline, edit or add one, and see what none covers.
 */
export function SimulationsPanel({ kit }: { kit: TestingKit }) {
  const state = useStore(kit.simulations);
  const { listing, run } = state;
  const [editing, setEditing] = useState<{ simulation: Simulation; index: number | null }>();
  const [deleting, setDeleting] = useState<number>();
  const [failure, setFailure] = useState<string>();

  const load = useCallback(async () => {
    kit.simulations.set((s) => ({ ...s, listing: { state: "loading" }, stale: false }));
    const result = await kit.api.listSimulations(kit.flowId);
    kit.simulations.set((s) => ({
      ...s,
      listing: result.ok
        ? { state: "ready", file: result.data.file, simulations: result.data.simulations }
        : { state: "failed", message: result.error.message },
    }));
  }, [kit]);

  useEffect(() => {
    const { listing: current, stale } = kit.simulations.getState();
    if (current.state === "idle" || stale) void load();
  }, [kit, load]);

  async function runAll() {
    const version = kit.simulations.getState().version;
    kit.simulations.set((s) => ({ ...s, run: { state: "running" } }));
    // The draft runs as the canvas shows it, unsaved edits included: what the author sees is
    // what passes or fails.
    const result = await kit.api.runSimulations(
      kit.flowId,
      version === "draft" ? { flow: kit.editor.getState().flow } : { version },
    );
    kit.simulations.set((s) => ({
      ...s,
      run: result.ok
        ? { state: "done", summary: summarizeRun(result.data), ranOn: version }
        : { state: "failed", message: describeApiError(result.error) },
    }));
  }

  /** Shows the simulations file as a save left it; resolves with why it failed, if it did. */
  function saved(result: Awaited<ReturnType<typeof kit.api.addSimulation>>): string | undefined {
    if (!result.ok) return describeApiError(result.error);
    kit.simulations.set((s) => ({
      ...s,
      listing: { state: "ready", file: result.data.file, simulations: result.data.simulations },
    }));
    return undefined;
  }

  const simulations = listing.state === "ready" ? listing.simulations : [];
  const choices = useTurnChoices(kit);
  return (
    <section className="testing-panel" aria-label="Simulations">
      <div className="panel-toolbar">
        <VersionPicker
          kit={kit}
          label="Run on"
          value={state.version}
          onChange={(version) => kit.simulations.set((s) => ({ ...s, version }))}
          disabled={run.state === "running"}
        />
        <button
          type="button"
          className="primary"
          onClick={() => void runAll()}
          disabled={run.state === "running" || simulations.length === 0}
        >
          {run.state === "running" ? "Running…" : "Run simulations"}
        </button>
      </div>

      {listing.state === "loading" && <Loading label="Reading the simulations…" />}
      {listing.state === "failed" && (
        <ErrorMessage onRetry={() => void load()}>{listing.message}</ErrorMessage>
      )}
      {listing.state === "ready" && (
        <>
          <h3>
            {simulations.length === 0
              ? "No simulations yet"
              : `${simulations.length} in ${listing.file}`}
          </h3>
          {simulations.length === 0 && (
            <p className="hint">
              Chat with the flow and save the conversation as a simulation, or add one here.
            </p>
          )}
          <ul className="simulation-list">
            {simulations.map((simulation, index) => (
              <li key={simulation.name}>
                <span className="simulation-name">{simulation.name}</span>
                <span className="hint">
                  {simulation.turns.length} turn{simulation.turns.length === 1 ? "" : "s"} ·{" "}
                  {simulation.models.join(", ")}
                </span>
                <span className="item-actions">
                  <button
                    type="button"
                    className="link"
                    aria-label={`Edit the simulation ${simulation.name}`}
                    onClick={() => setEditing({ simulation, index })}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="link"
                    aria-label={`Delete the simulation ${simulation.name}`}
                    onClick={() => setDeleting(index)}
                  >
                    Delete
                  </button>
                </span>
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => setEditing({ simulation: BLANK, index: null })}>
            Add a simulation
          </button>
        </>
      )}
      {failure && <ErrorMessage>{failure}</ErrorMessage>}

      {run.state === "running" && <Loading label="Running the simulations…" />}
      {run.state === "failed" && (
        <ErrorMessage onRetry={() => void runAll()}>{run.message}</ErrorMessage>
      )}
      {run.state === "done" && (
        <>
          <SimulationResults kit={kit} summary={run.summary} ranOn={run.ranOn} />
          <CoverageView kit={kit} summary={run.summary} />
        </>
      )}

      <SimulationEditor
        editing={editing}
        onClose={() => setEditing(undefined)}
        choices={choices}
        onSave={async (simulation) => {
          if (!editing) return undefined;
          return saved(
            editing.index === null
              ? await kit.api.addSimulation(kit.flowId, simulation)
              : await kit.api.updateSimulation(kit.flowId, editing.simulation.name, simulation),
          );
        }}
      />
      <ConfirmDialog
        open={deleting !== undefined}
        title="Delete the simulation"
        message={`Delete “${simulations[deleting ?? -1]?.name ?? ""}” from the flow's simulations file?`}
        confirmLabel="Delete"
        danger
        onCancel={() => setDeleting(undefined)}
        onConfirm={async () => {
          const name = simulations[deleting ?? -1]?.name;
          setDeleting(undefined);
          if (name !== undefined)
            setFailure(saved(await kit.api.removeSimulation(kit.flowId, name)));
        }}
      />
    </section>
  );
}
