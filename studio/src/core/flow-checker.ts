import { type ValidateFlowOptions, validateFlow } from "@switchboard/engine/validate";
import type { FlowDraft } from "./flow-draft.ts";
import type { FlowProblem } from "./problems.ts";

/**
 * Runs the engine's validator on a document. The editor asks on every change and takes the
 * answer when it comes: now (in this thread), or later (from a worker, so a large flow's
 * validation never holds up typing or dragging).
 */
export interface FlowChecker {
  check(
    flow: FlowDraft,
    options: ValidateFlowOptions,
    done: (problems: FlowProblem[]) => void,
  ): void;
  /** Stops the checker (a worker is terminated). */
  dispose(): void;
}

/** Validates in the calling thread, answering before `check` returns. */
export const checkInThread: FlowChecker = {
  check(flow, options, done) {
    const result = validateFlow(flow, options);
    done(result.ok ? [] : result.problems);
  },
  dispose() {},
};
