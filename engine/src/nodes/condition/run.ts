import { evaluateExpression } from "../../expression/index.ts";
import type { NodeOf } from "../../schema/flow.ts";
import type { NodeImplementation } from "../node-runner.ts";

export const conditionImplementation: NodeImplementation<NodeOf<"condition">> = {
  needsUserMessage: () => false,
  compile: (node) => async (_state, run) => {
    const rule = node.config.rules.find((candidate) =>
      Boolean(evaluateExpression(candidate.when, run.scope)),
    );
    return { route: rule?.label ?? "default" };
  },
};
