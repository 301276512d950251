import type { IntentResult, TurnEvent, TurnStatus } from "@switchboard/engine";
import type { IdentifiedReply } from "./conversation-events.ts";
import type { RunOutcome } from "./run.table.ts";
import type { ModelCall, NewRun, RunNode } from "./runs.repository.ts";

/** What a turn's events add up to, for the chat's transcript and the run record. */
export interface TurnRecorder {
  /** Feed every event of the turn, in order; returns the reply's id for `reply` events. */
  record(event: TurnEvent): string | undefined;
  readonly replies: IdentifiedReply[];
  run(
    status: TurnStatus | "failed",
    error?: string,
  ): Pick<NewRun, "status" | "error" | "nodes" | "modelCalls" | "outcome" | "intent">;
}

/** Outcomes in the order a later one overrides an earlier one within a turn. */
const OUTCOME_ORDER: readonly RunOutcome[] = [
  "answered",
  "fallback",
  "no_answer",
  "handoff",
  "failed",
];

/**
 * @example
 * const recorder = createTurnRecorder();
 * await runTurn(graph, threadId, input, { onEvent: (event) => recorder.record(event) });
 * await recordRun(db, { ...recorder.run("waiting"), … });
 */
export function createTurnRecorder(): TurnRecorder {
  const replies: IdentifiedReply[] = [];
  const nodes: RunNode[] = [];
  const modelCalls: ModelCall[] = [];
  const starts = new Map<string, string>();
  const errors = new Map<string, string>();
  let outcome: RunOutcome = "answered";
  let intent: string | null = null;
  const reach = (next: RunOutcome) => {
    if (OUTCOME_ORDER.indexOf(next) > OUTCOME_ORDER.indexOf(outcome)) outcome = next;
  };
  return {
    replies,
    record(event) {
      switch (event.type) {
        case "node_start":
          starts.set(event.nodeId, new Date().toISOString());
          return undefined;
        case "node_end":
          nodes.push({
            nodeId: event.nodeId,
            startedAt: starts.get(event.nodeId) ?? new Date().toISOString(),
            durationMs: Math.round(event.durationMs),
            error: errors.get(event.nodeId) ?? null,
            route: event.route,
          });
          // The node types whose routes say the flow did not understand or could not answer.
          if (event.nodeType === "classify") {
            const found = event.update.intent as IntentResult | undefined;
            if (event.route === "fallback") reach("fallback");
            else if (found && event.route === found.name) intent = found.name;
          } else if (event.nodeType === "faq" && event.route === "no_answer") reach("no_answer");
          return undefined;
        case "error":
          errors.set(event.nodeId, `${event.code}: ${event.message}`);
          return undefined;
        case "model_call":
          modelCalls.push({
            nodeId: event.call.nodeId,
            model: event.call.model,
            inputTokens: event.call.inputTokens ?? 0,
            outputTokens: event.call.outputTokens ?? 0,
            durationMs: Math.round(event.call.latencyMs),
            error: event.call.error ?? null,
          });
          return undefined;
        case "handoff":
          if (event.handoff.status === "open") reach("handoff");
          return undefined;
        case "reply": {
          const { type: _type, ...reply } = event;
          const messageId = crypto.randomUUID();
          replies.push({ ...reply, messageId });
          return messageId;
        }
        default:
          return undefined;
      }
    },
    run(status, error) {
      return {
        // The run table knows a turn as finished, paused at an interrupt, or failed.
        status: status === "ended" ? "completed" : status === "failed" ? "failed" : "interrupted",
        error: error ?? null,
        nodes,
        modelCalls,
        outcome: status === "failed" ? "failed" : outcome,
        intent,
      };
    },
  };
}
