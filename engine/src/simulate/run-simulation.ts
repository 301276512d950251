import { MemorySaver } from "@langchain/langgraph";
import { compileGraph } from "../compile/compile-graph.ts";
import type { LoadedFlow } from "../load-flow-file.ts";
import type { FlowModel } from "../models/model.ts";
import { createModelRegistry, type ModelRegistry } from "../models/model-registry.ts";
import { ScriptedChatModel } from "../models/scripted-chat-model.ts";
import type { Flow } from "../schema/flow.ts";
import type { Simulation, SimulationTurn } from "../schema/simulation.ts";
import { runTurn, type TurnOptions } from "../turn/run-turn.ts";
import type { TurnInput, TurnResult } from "../turn/turn-event.ts";
import { checkExpectations } from "./check-expectations.ts";

export type SimulationModel = Simulation["models"][number];

export interface TurnOutcome {
  index: number;
  input: TurnInput;
  result?: TurnResult;
  problems: string[];
}

/** How one simulation went on one model. */
export interface SimulationOutcome {
  flow: string;
  simulation: string;
  model: SimulationModel;
  passed: boolean;
  turns: TurnOutcome[];
  /** The first problem, prefixed with its turn number. */
  firstMismatch?: string;
  /** The nodes the conversation ran through, with the route each took, for coverage. */
  path: { nodeId: string; route: string | null }[];
}

function inputOf(turn: SimulationTurn): TurnInput {
  if ("user" in turn) return { kind: "user", text: turn.user };
  if ("agent" in turn) return { kind: "agent", text: turn.agent };
  if ("handback" in turn) return { kind: "handback" };
  return { kind: "close" };
}

/** Every model name of the flow answers with the same scripted model, so one script drives the turn. */
function scriptedRegistry(names: string[], chat: ScriptedChatModel): ModelRegistry {
  const model = (name: string): FlowModel => ({
    name,
    provider: "scripted",
    entry: { provider: "scripted" },
    chat,
  });
  return { names, get: model, chain: (name) => [model(name)] };
}

/** Where a turn's `modelResponses` go: the scripted model, or a stand-in server replaying them. */
interface ResponseScript {
  script(responses: string[]): void;
  readonly remaining: number;
}

/** Another way to run a `scripted` simulation: real providers answering from a replayed script. */
export interface SimulationOptions {
  /** The models the flow calls instead of the scripted model. */
  models: ModelRegistry;
  /** Receives each turn's `modelResponses`, in order. */
  script: ResponseScript;
}

/** Follows one simulation as it runs, e.g. to trace it. */
export interface SimulationWatcher {
  /** Called as a turn starts; the callbacks and event listener it returns join the turn's. */
  startTurn(index: number, input: TurnInput): TurnWatcher;
  /** Called once every turn has run. */
  end(outcome: SimulationOutcome): void;
}

/** One turn of a watched simulation. */
export interface TurnWatcher extends Pick<TurnOptions, "onEvent" | "callbacks" | "nodeState"> {
  end(outcome: TurnOutcome): void;
}

/** Called as each simulation starts on each of its models; returns who follows it. */
export type WatchSimulation = (run: {
  flow: Flow;
  simulation: Simulation;
  model: SimulationModel;
}) => SimulationWatcher;

/**
 * Plays a simulation's turns against a freshly compiled flow on an in-memory thread and
 * compares each turn with its expectations. With `options`, a `scripted` simulation runs on
 * the given models, its responses replayed by `options.script` (e.g. an OpenAI-compatible
 * stand-in server), so the real clients are exercised end to end. `watch` follows the run.
 *
 * @example
 * const outcome = await runSimulation(loaded, simulation, "local");
 * outcome.passed || console.log(outcome.firstMismatch);
 */
export async function runSimulation(
  loaded: LoadedFlow,
  simulation: Simulation,
  model: SimulationModel,
  options?: SimulationOptions,
  watch?: WatchSimulation,
): Promise<SimulationOutcome> {
  const scriptedModel = new ScriptedChatModel();
  const script: ResponseScript = options?.script ?? scriptedModel;
  const models =
    options?.models ??
    (model === "scripted"
      ? scriptedRegistry(loaded.flow.models, scriptedModel)
      : createModelRegistry({
          models: Object.fromEntries(loaded.flow.models.map((n) => [n, { provider: "local" }])),
        }));
  const graph = compileGraph(loaded.flow, {
    checkpointer: new MemorySaver(),
    models,
    knowledge: loaded.knowledge,
  });
  const threadId = `simulation-${simulation.name}`;
  const outcome: SimulationOutcome = {
    flow: loaded.flow.id,
    simulation: simulation.name,
    model,
    passed: true,
    turns: [],
    path: [],
  };
  const watcher = watch?.({ flow: loaded.flow, simulation, model });
  for (const [index, turn] of simulation.turns.entries()) {
    const input = inputOf(turn);
    script.script("modelResponses" in turn ? (turn.modelResponses ?? []) : []);
    const turnOutcome: TurnOutcome = { index: index + 1, input, problems: [] };
    const turnWatcher = watcher?.startTurn(index + 1, input);
    try {
      const result = await runTurn(graph, threadId, input, {
        callbacks: turnWatcher?.callbacks,
        nodeState: turnWatcher?.nodeState,
        onEvent: (event) => {
          if (event.type === "node_end")
            outcome.path.push({ nodeId: event.nodeId, route: event.route });
          turnWatcher?.onEvent?.(event);
        },
      });
      turnOutcome.result = result;
      turnOutcome.problems.push(...checkExpectations(turn.expect, result));
      if (model === "scripted" && script.remaining > 0) {
        turnOutcome.problems.push(`${script.remaining} scripted model response(s) were not used`);
      }
    } catch (error) {
      turnOutcome.problems.push(`the turn failed: ${(error as Error).message}`);
    }
    turnWatcher?.end(turnOutcome);
    outcome.turns.push(turnOutcome);
    if (turnOutcome.problems.length > 0 && outcome.passed) {
      outcome.passed = false;
      outcome.firstMismatch = `turn ${index + 1}: ${turnOutcome.problems[0]}`;
    }
  }
  watcher?.end(outcome);
  return outcome;
}
