import type { FlowProblem } from "../errors.ts";

/**
 * One line per problem, for the CLI and for error messages.
 *
 * @example
 * formatProblems([{ path: "/nodes/2/config", nodeId: "greet", message: "Missing the required property \"text\"." }])
 * // '  /nodes/2/config (node greet): Missing the required property "text".'
 */
export function formatProblems(problems: FlowProblem[]): string {
  return problems
    .map(
      ({ path, nodeId, message }) =>
        `  ${path || "/"}${nodeId === undefined ? "" : ` (node ${nodeId})`}: ${message}`,
    )
    .join("\n");
}
