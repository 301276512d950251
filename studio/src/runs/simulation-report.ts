import type { SimulationOutcome, TurnInput } from "@switchboard/engine";
import type { SimulationRun } from "../../../runtime/src/api-types.ts";
import { timelineFromResult } from "./recorded-timelines.ts";
import type { TurnTimeline } from "./turn-timeline.ts";

export type { SimulationRun };

/** One turn of a simulation as the panel lists it. */
export interface SimulationTurnRow {
  /** 1, 2, 3… as the first mismatch names it. */
  index: number;
  label: string;
  passed: boolean;
  problems: string[];
  /** The turn node by node, to open in the timeline; none when the turn threw before a result. */
  timeline?: TurnTimeline;
}

/** One simulation on one model. */
export interface SimulationRow {
  key: string;
  simulation: string;
  model: string;
  passed: boolean;
  firstMismatch?: string;
  turns: SimulationTurnRow[];
}

export interface SimulationSummary {
  passed: number;
  failed: number;
  rows: SimulationRow[];
  uncoveredNodes: string[];
  uncoveredEdges: string[];
  nodesTotal: number;
  edgesTotal: number;
}

/**
 * A simulation run as the panel shows it: a row per simulation and model, failures first, each
 * turn with its problems and its timeline, and what no simulation covers.
 */
export function summarizeRun(run: SimulationRun): SimulationSummary {
  const rows = run.outcomes.map(toRow);
  const passed = rows.filter((row) => row.passed).length;
  return {
    passed,
    failed: rows.length - passed,
    rows: [...rows.filter((row) => !row.passed), ...rows.filter((row) => row.passed)],
    uncoveredNodes: run.coverage.nodes.uncovered,
    uncoveredEdges: run.coverage.edges.uncovered,
    nodesTotal: run.coverage.nodes.total,
    edgesTotal: run.coverage.edges.total,
  };
}

function toRow(outcome: SimulationOutcome): SimulationRow {
  const routes = routesPerTurn(outcome);
  return {
    key: `${outcome.simulation}\u0000${outcome.model}`,
    simulation: outcome.simulation,
    model: outcome.model,
    passed: outcome.passed,
    ...(outcome.firstMismatch ? { firstMismatch: outcome.firstMismatch } : {}),
    turns: outcome.turns.map((turn, i) => ({
      index: turn.index,
      label: describeInput(turn.input),
      passed: turn.problems.length === 0,
      problems: turn.problems,
      ...(turn.result ? { timeline: timelineFromResult(turn.input, turn.result, routes[i]) } : {}),
    })),
  };
}

/**
 * The branches each turn's nodes took: the outcome's path runs across all turns, in order, so
 * it splits by the number of nodes each turn visited. A turn without a result takes none.
 */
export function routesPerTurn(outcome: SimulationOutcome): (string | null)[][] {
  let at = 0;
  return outcome.turns.map((turn) => {
    const visited = turn.result?.visited ?? [];
    const slice = outcome.path.slice(at, at + visited.length);
    at += visited.length;
    const aligned = slice.every((step, i) => step.nodeId === visited[i]);
    return aligned ? slice.map((step) => step.route) : [];
  });
}

/** A turn's input in a few words: the message, or the agent's action. */
export function describeInput(input: TurnInput): string {
  switch (input.kind) {
    case "user":
      return input.text;
    case "agent":
      return `Agent: ${input.text}`;
    case "handback":
      return "Agent hands back to the bot";
    case "close":
      return "Agent closes the conversation";
  }
}
