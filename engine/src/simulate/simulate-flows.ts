import { access } from "node:fs/promises";
import { type LoadedFlow, loadFlowFile } from "../load-flow-file.ts";
import type { Simulation } from "../schema/simulation.ts";
import { type Coverage, CoverageTracker } from "./coverage.ts";
import { runSimulation, type SimulationOutcome, type WatchSimulation } from "./run-simulation.ts";
import { readSimulationFile, simulationPathFor } from "./simulation-file.ts";

/** The simulations of one flow file and what they left uncovered. */
export interface FlowSimulationReport {
  flowPath: string;
  flow: string;
  outcomes: SimulationOutcome[];
  coverage: Coverage;
  /** Set when the flow or its simulations could not be loaded. */
  error?: string;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * Runs simulations against a loaded flow, each on every model it names, and reports what they
 * left uncovered; for simulations that come from elsewhere than a file (the studio posts them).
 *
 * @example
 * const { outcomes, coverage } = await runSimulations(loaded, file.simulations);
 */
export async function runSimulations(
  loaded: LoadedFlow,
  simulations: Simulation[],
  watch?: WatchSimulation,
): Promise<{ outcomes: SimulationOutcome[]; coverage: Coverage }> {
  const tracker = new CoverageTracker(loaded.flow);
  const outcomes: SimulationOutcome[] = [];
  for (const simulation of simulations) {
    for (const model of simulation.models) {
      const outcome = await runSimulation(loaded, simulation, model, undefined, watch);
      tracker.record(outcome.path);
      outcomes.push(outcome);
    }
  }
  return { outcomes, coverage: tracker.report() };
}

/** Runs every simulation of a loaded flow's simulations file on each model it names. */
export async function simulateFlow(
  loaded: LoadedFlow,
  simulationPath: string,
  watch?: WatchSimulation,
): Promise<FlowSimulationReport> {
  const file = await readSimulationFile(simulationPath);
  const report = await runSimulations(loaded, file.simulations, watch);
  return { flowPath: loaded.path, flow: loaded.flow.id, ...report };
}

/**
 * Loads each flow file and runs the simulations next to it; a flow that fails to load is
 * reported, not thrown, so one broken file does not hide the others' results. `watch` follows
 * each simulation as it runs (`switchboard simulate --trace` traces them).
 */
export async function simulateFlowFiles(
  flowPaths: string[],
  watch?: WatchSimulation,
): Promise<FlowSimulationReport[]> {
  const reports: FlowSimulationReport[] = [];
  for (const flowPath of flowPaths) {
    const simulationPath = simulationPathFor(flowPath);
    try {
      if (!(await exists(simulationPath))) continue;
      reports.push(await simulateFlow(await loadFlowFile(flowPath), simulationPath, watch));
    } catch (error) {
      const empty = { nodes: { total: 0, uncovered: [] }, edges: { total: 0, uncovered: [] } };
      reports.push({
        flowPath,
        flow: flowPath,
        outcomes: [],
        coverage: empty,
        error: (error as Error).message,
      });
    }
  }
  return reports;
}
