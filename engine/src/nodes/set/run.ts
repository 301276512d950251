import { evaluateExpression } from "../../expression/index.ts";
import type { NodeOf } from "../../schema/flow.ts";
import type { NodeImplementation } from "../node-runner.ts";

export const setImplementation: NodeImplementation<NodeOf<"set">> = {
  needsUserMessage: () => false,
  compile: (node) => async (_state, run) => {
    const scope = { ...run.scope };
    const vars: Record<string, unknown> = {};
    // Later assignments see earlier ones, as a reader of the list expects.
    for (const { variable, value } of node.config.assign) {
      vars[variable] = evaluateExpression(value, scope);
      scope[variable] = vars[variable];
    }
    return { vars };
  },
};
