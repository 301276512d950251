import { randomBytes } from "node:crypto";
import type { SimulationWatcher, WatchSimulation } from "@switchboard/engine";
import type { TraceJob } from "./trace-job.ts";
import { recordTurnTrace, type TurnTraceRecord } from "./turn-trace-record.ts";

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
  /** Hands a finished trace to the export worker. */
  post(job: TraceJob): void;
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
    const traceId = randomBytes(16).toString("hex");
    const startTime = Date.now();
    const turns: TurnTraceRecord[] = [];
    return {
      startTurn(index, input) {
        const recorder = recordTurnTrace(`turn ${index}`, input);
        return {
          nodeState: true,
          onEvent: (event) => recorder.record(event),
          end: (outcome) =>
            turns.push(
              outcome.result
                ? recorder.end(outcome.result)
                : recorder.fail(outcome.problems.join("; ")),
            ),
        };
      },
      end(outcome) {
        try {
          tracing.post({
            type: "simulation",
            traceId,
            attributes: {
              traceName: name,
              sessionId,
              version: `${flow.id}@${flow.version}`,
              tags: ["simulation", `flow:${flow.id}`, `model:${model}`],
              metadata: { flowId: flow.id, flowVersion: String(flow.version), model },
            },
            name,
            input: { simulation: simulation.name, model },
            startTime,
            endTime: Date.now(),
            output: { passed: outcome.passed, firstMismatch: outcome.firstMismatch ?? null },
            ...(outcome.passed ? {} : { failure: outcome.firstMismatch }),
            turns,
          });
          tracing.score({
            traceId,
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
