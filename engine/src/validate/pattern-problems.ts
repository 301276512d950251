import type { FlowProblem } from "../errors.ts";
import { compilePattern } from "../text/compile-pattern.ts";
import type { FlowView } from "./flow-view.ts";

/**
 * Slot patterns RE2 cannot run. They test the user's answers, so they run on RE2 in linear time;
 * a pattern that needs backtracking (backreferences, lookaround) is refused here rather than
 * failing the conversation that reaches it. `matches()` patterns are checked with expressions.
 */
export function patternProblems(view: FlowView): FlowProblem[] {
  return view.nodes.flatMap(({ node, index }) => {
    if (node?.type !== "sales") return [];
    return node.config.slots.flatMap((slot, slotIndex) => {
      if (slot.pattern === undefined) return [];
      const compiled = compilePattern(slot.pattern);
      if (compiled.ok) return [];
      return [
        {
          path: `/nodes/${index}/config/slots/${slotIndex}/pattern`,
          nodeId: node.id,
          message: `The pattern of slot "${slot.name}" is an ${compiled.problem}.`,
        },
      ];
    });
  });
}
