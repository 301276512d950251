import { propagateAttributes, startObservation } from "@langfuse/tracing";
import { context, trace } from "@opentelemetry/api";
import type { SimulationWatcher, WatchSimulation } from "@switchboard/engine";
import { LangfuseTurnTrace } from "./langfuse-turn-trace.ts";

/** What tracing simulations needs from the running tracer. */
export interface SimulationTracing {
  /** The Langfuse URL of a trace. */
  urlOf(traceId: string): string;
  /** Records a score on a trace. */
  score(score: {
    traceId: string;
    name: string;
    value: number;
    dataType: "BOOLEAN";
    comment?: string;
  }): void;
  onFault(error: unknown): void;
}

/**
 * Traces each simulation run as one trace: a root named after the flow and the simulation,
 * a nested trace per turn (nodes, model calls, handoffs), and a `simulation_passed` score, so a
 * flow's regressions show in Langfuse run after run. One command's runs share a session.
 *
 * @example
 * await simulateFlowFiles(files, traceSimulations(tracing, `simulate-${Date.now()}`));
 */
export function traceSimulations(tracing: SimulationTracing, sessionId: string): WatchSimulation {
  return ({ flow, simulation, model }): SimulationWatcher => {
    const name = `${flow.id}: ${simulation.name}`;
    const parent = propagateAttributes(
      {
        traceName: name,
        sessionId,
        version: `${flow.id}@${flow.version}`,
        tags: ["simulation", `flow:${flow.id}`, `model:${model}`],
        metadata: { flowId: flow.id, flowVersion: String(flow.version), model },
      },
      () => context.active(),
    );
    const root = context.with(parent, () =>
      startObservation(name, { input: { simulation: simulation.name, model } }),
    );
    const scope = trace.setSpan(parent, root.otelSpan);
    return {
      startTurn(index, input) {
        const turn = new LangfuseTurnTrace({
          name: `turn ${index}`,
          input,
          parent: scope,
          url: tracing.urlOf(root.traceId),
          onFault: tracing.onFault,
          // The embedded model answers without LangChain; the others are chat models.
          chatModels: model !== "local",
        });
        return {
          callbacks: turn.callbacks,
          nodeState: true,
          onEvent: (event) => turn.record(event),
          end: (outcome) =>
            outcome.result ? turn.end(outcome.result) : turn.fail(outcome.problems.join("; ")),
        };
      },
      end(outcome) {
        try {
          root
            .update({
              output: { passed: outcome.passed, firstMismatch: outcome.firstMismatch ?? null },
              ...(outcome.passed ? {} : { level: "ERROR", statusMessage: outcome.firstMismatch }),
            })
            .end();
          tracing.score({
            traceId: root.traceId,
            name: "simulation_passed",
            value: outcome.passed ? 1 : 0,
            dataType: "BOOLEAN",
            comment: outcome.firstMismatch,
          });
        } catch (error) {
          tracing.onFault(error);
        }
      },
    };
  };
}
