import type { Handoff, ModelCall, Reply, TurnInput, TurnResult } from "@switchboard/engine";
import type { StateSnapshot, TestTurnEvent } from "./test-turn-events.ts";

/**
 * A model call as the timeline shows it, whether streamed live, simulated or recorded: the
 * engine's, without the node it sits under; recorded turns keep the model's name only, so the
 * provider may be unknown.
 */
export type TimelineCall = Omit<ModelCall, "nodeId" | "provider"> & { provider?: string };

/** One node's run within a turn. */
export interface TimelineStep {
  nodeId: string;
  /** Unknown for recorded turns: the canvas knows it from the flow. */
  nodeType?: string;
  status: "running" | "done" | "failed";
  durationMs?: number;
  /** The branch the node took, when known. */
  route?: string | null;
  /** The state the node started from: the previous node's output (live turns only). */
  input?: StateSnapshot;
  /** The state after the node (live turns only). */
  output?: StateSnapshot;
  /** What the node changed (live turns only). */
  update?: Record<string, unknown>;
  calls: TimelineCall[];
  replies: Reply[];
  errors: { code: string; message: string }[];
  /** Text streamed token by token, before the reply it becomes. */
  streamed: string;
}

/** Where a timeline came from: a turn run here, a simulation's turn, or a turn recorded in a chat. */
type TimelineSource = "live" | "simulated" | "recorded";

/** A turn node by node, built from its events as they arrive, or from a result or record. */
export interface TurnTimeline {
  source: TimelineSource;
  input: TurnInput;
  status: "running" | "done" | "failed";
  steps: TimelineStep[];
  replies: Reply[];
  /** The reply being streamed, not yet complete. */
  pending: string;
  handoff: Handoff | null;
  /** The state the turn started from, when known (the previous turn's last state). */
  stateBefore?: StateSnapshot;
  result?: TurnResult;
  failure?: { code: string; message: string };
  durationMs?: number;
  /** The recorded turn's trace in Langfuse, when tracing was on. */
  traceUrl?: string;
}

/** A timeline before its first event. */
export function startTimeline(input: TurnInput, stateBefore?: StateSnapshot): TurnTimeline {
  return {
    source: "live",
    input,
    status: "running",
    steps: [],
    replies: [],
    pending: "",
    handoff: null,
    ...(stateBefore ? { stateBefore } : {}),
  };
}

/**
 * The timeline after one more event of a live turn: a pure step, so the panels re-render from
 * values and a test can replay a recorded stream.
 *
 * @example
 * let timeline = startTimeline({ kind: "user", text: "hi" });
 * for await (const event of events) timeline = applyTurnEvent(timeline, event);
 */
export function applyTurnEvent(timeline: TurnTimeline, event: TestTurnEvent): TurnTimeline {
  switch (event.type) {
    case "node_start": {
      const input = inputState(event, timeline.steps.at(-1)?.output ?? timeline.stateBefore);
      const step: TimelineStep = {
        nodeId: event.nodeId,
        nodeType: event.nodeType,
        status: "running",
        ...(input ? { input } : {}),
        calls: [],
        replies: [],
        errors: [],
        streamed: "",
      };
      return { ...timeline, steps: [...timeline.steps, step] };
    }
    case "node_end":
      return updateStep(timeline, event.nodeId, (step) => ({
        ...step,
        status: step.errors.length > 0 ? "failed" : "done",
        durationMs: event.durationMs,
        route: event.route,
        output: event.state,
        update: event.update,
      }));
    case "token":
      return {
        ...updateStep(timeline, event.nodeId, (step) => ({
          ...step,
          streamed: step.streamed + event.delta,
        })),
        pending: timeline.pending + event.delta,
      };
    case "reply": {
      const { type, ...reply } = event;
      return {
        ...updateStep(timeline, reply.nodeId, (step) => ({
          ...step,
          replies: [...step.replies, reply],
        })),
        replies: [...timeline.replies, reply],
        pending: "",
      };
    }
    case "model_call":
      return updateStep(timeline, event.call.nodeId, (step) => ({
        ...step,
        calls: [...step.calls, toTimelineCall(event.call)],
      }));
    case "handoff":
      return { ...timeline, handoff: event.handoff };
    case "error":
      return updateStep(timeline, event.nodeId, (step) => ({
        ...step,
        errors: [...step.errors, { code: event.code, message: event.message }],
      }));
    case "done":
      return {
        ...settleSteps(timeline, "done"),
        status: "done",
        result: event.result,
        handoff: event.result.handoff ?? timeline.handoff,
        durationMs: event.result.durationMs,
        pending: "",
      };
    case "failed":
      return {
        ...settleSteps(timeline, "failed"),
        status: "failed",
        failure: { code: event.code, message: event.message },
        pending: "",
      };
  }
}

/**
 * The state a node starts from: what its `node_start` says (the variables and intent), with
 * the handoff as the previous node left it; else the previous node's output.
 */
function inputState(
  event: Extract<TestTurnEvent, { type: "node_start" }>,
  previous: StateSnapshot | undefined,
): StateSnapshot | undefined {
  const sent = (event as { state?: Pick<StateSnapshot, "vars" | "intent"> }).state;
  if (!sent) return previous;
  return { vars: sent.vars, intent: sent.intent, handoff: previous?.handoff ?? null };
}

/** The engine's model call as the timeline shows it. */
export function toTimelineCall(call: ModelCall): TimelineCall {
  const { nodeId, ...rest } = call;
  return rest;
}

/** Applies `change` to the latest step of `nodeId` (a node may run twice in a turn). */
function updateStep(
  timeline: TurnTimeline,
  nodeId: string,
  change: (step: TimelineStep) => TimelineStep,
): TurnTimeline {
  const index = timeline.steps.findLastIndex((step) => step.nodeId === nodeId);
  if (index < 0) return timeline;
  const steps = timeline.steps.slice();
  steps[index] = change(steps[index] as TimelineStep);
  return { ...timeline, steps };
}

/** Steps still running when the turn ends: finished if it completed, failed if it did not. */
function settleSteps(timeline: TurnTimeline, outcome: "done" | "failed"): TurnTimeline {
  if (!timeline.steps.some((step) => step.status === "running")) return timeline;
  return {
    ...timeline,
    steps: timeline.steps.map((step) =>
      step.status !== "running"
        ? step
        : { ...step, status: outcome === "failed" || step.errors.length > 0 ? "failed" : "done" },
    ),
  };
}
