import { isAbsolute, relative, resolve } from "node:path";
import {
  type Flow,
  FlowError,
  type FlowProblem,
  formatProblems,
  validateFlow,
} from "@switchboard/engine";

/**
 * Every problem of a flow document posted to the API: the engine's (schema, graph, names against
 * the model catalog), and knowledge sources outside the flows folder, which would let a flow
 * read any `.json` or `.md` file on the server into its answers.
 */
export function findFlowProblems(
  document: unknown,
  { models, flowsDir }: { models: string[]; flowsDir: string },
): { ok: true; flow: Flow } | { ok: false; problems: FlowProblem[] } {
  const result = validateFlow(document, { models });
  if (!result.ok) return result;
  const root = resolve(flowsDir);
  const problems = result.flow.knowledge.flatMap((ref, index): FlowProblem[] => {
    const path = relative(root, resolve(root, ref.source));
    return path.startsWith("..") || isAbsolute(path)
      ? [
          {
            path: `/knowledge/${index}/source`,
            message: `Knowledge "${ref.id}" must be inside the flows folder; "${ref.source}" is not.`,
          },
        ]
      : [];
  });
  return problems.length > 0 ? { ok: false, problems } : result;
}

/**
 * The flow, with the schema's defaults filled in.
 *
 * @throws FlowError `invalid_flow` with every problem in `problems`.
 */
export function checkFlowDocument(
  document: unknown,
  options: { models: string[]; flowsDir: string },
): Flow {
  const result = findFlowProblems(document, options);
  if (result.ok) return result.flow;
  const count = result.problems.length === 1 ? "1 problem" : `${result.problems.length} problems`;
  throw new FlowError(
    "invalid_flow",
    `The flow has ${count}:\n${formatProblems(result.problems)}`,
    {
      problems: result.problems,
    },
  );
}
