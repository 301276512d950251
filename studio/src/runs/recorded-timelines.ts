import type { TurnInput, TurnResult } from "@switchboard/engine";
import type { Run } from "../../../runtime/src/api-types.ts";
import { type TimelineStep, type TurnTimeline, toTimelineCall } from "./turn-timeline.ts";

/** A recorded turn as `GET /api/chats/:id/runs` answers it. */
export type RecordedRun = Pick<
  Run,
  "id" | "status" | "error" | "flowId" | "flowVersion" | "durationMs" | "nodes" | "modelCalls"
> & { startedAt: string | Date; traceUrl?: string | null };

const blankStep = (nodeId: string): TimelineStep => ({
  nodeId,
  status: "done",
  calls: [],
  replies: [],
  errors: [],
  streamed: "",
});

/**
 * A simulated turn's timeline, from its result: the nodes visited with their model calls,
 * replies and errors (a result keeps no per-node state). `routes` are the branches the visited
 * nodes took, in order, when known.
 */
export function timelineFromResult(
  input: TurnInput,
  result: TurnResult,
  routes: readonly (string | null)[] = [],
): TurnTimeline {
  const steps = result.visited.map((nodeId, index) => ({
    ...blankStep(nodeId),
    ...(index < routes.length ? { route: routes[index] ?? null } : {}),
  }));
  const firstStepOf = (nodeId: string) => steps.find((step) => step.nodeId === nodeId);
  for (const call of result.calls) firstStepOf(call.nodeId)?.calls.push(toTimelineCall(call));
  for (const reply of result.replies) firstStepOf(reply.nodeId)?.replies.push(reply);
  for (const { nodeId, code, message } of result.errors) {
    const step = firstStepOf(nodeId);
    if (!step) continue;
    step.errors.push({ code, message });
    step.status = "failed";
  }
  return {
    source: "simulated",
    input,
    status: result.status === "failed" ? "failed" : "done",
    steps,
    replies: result.replies,
    pending: "",
    handoff: result.handoff,
    result,
    durationMs: result.durationMs,
  };
}

/**
 * A recorded turn's timeline: the nodes it visited with timings and errors, and the model calls
 * each made. `input` is what started it, when the transcript tells (else an empty user message).
 */
export function timelineFromRun(
  run: RecordedRun,
  input: TurnInput = { kind: "user", text: "" },
): TurnTimeline {
  const steps = run.nodes.map(
    (node): TimelineStep => ({
      ...blankStep(node.nodeId),
      status: node.error ? "failed" : "done",
      durationMs: node.durationMs,
      errors: node.error ? [{ code: "error", message: node.error }] : [],
    }),
  );
  for (const call of run.modelCalls) {
    steps
      .find((step) => step.nodeId === call.nodeId)
      ?.calls.push({
        model: call.model,
        latencyMs: call.durationMs,
        inputTokens: call.inputTokens,
        outputTokens: call.outputTokens,
        ...(call.error ? { error: call.error } : {}),
      });
  }
  return {
    source: "recorded",
    input,
    status: run.status === "failed" ? "failed" : "done",
    steps,
    replies: [],
    pending: "",
    handoff: null,
    durationMs: run.durationMs,
    ...(run.traceUrl ? { traceUrl: run.traceUrl } : {}),
    ...(run.status === "failed"
      ? { failure: { code: "failed", message: run.error ?? "The turn failed." } }
      : {}),
  };
}
