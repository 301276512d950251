import type { Simulation } from "@switchboard/engine";
import { applyEdits, type FormattingOptions, modify } from "jsonc-parser";

// The example files' style; an edited simulation is written in it, the others kept as they are.
const FORMATTING: FormattingOptions = { insertSpaces: true, tabSize: 2, eol: "\n" };

/** One change to a simulations file's list of simulations. */
export type SimulationEdit =
  | { kind: "add"; simulation: Simulation }
  | { kind: "update"; index: number; simulation: Simulation }
  | { kind: "remove"; index: number };

/**
 * The simulations file's text with one simulation added, replaced or removed: only that
 * simulation's text changes, so the others keep their formatting byte for byte and a review
 * shows the one change.
 *
 * @example
 * editSimulationText(text, { kind: "update", index: 2, simulation })
 */
export function editSimulationText(text: string, edit: SimulationEdit): string {
  const edits =
    edit.kind === "add"
      ? modify(text, ["simulations", -1], edit.simulation, {
          formattingOptions: FORMATTING,
          isArrayInsertion: true,
        })
      : modify(
          text,
          ["simulations", edit.index],
          edit.kind === "update" ? edit.simulation : undefined,
          { formattingOptions: FORMATTING },
        );
  return applyEdits(text, edits);
}
