import { FlowError } from "../errors.ts";
import type { Flow } from "../schema/flow.ts";
import { formatProblems } from "./format-problems.ts";
import { jsonErrorPosition, jsonErrorReason } from "./json-position.ts";
import type { ValidateFlowOptions } from "./reference-problems.ts";
import { validateFlow } from "./validate-flow.ts";

export interface ParseFlowOptions extends ValidateFlowOptions {
  /** Where the text came from (a file path), to name it in messages. */
  source?: string;
}

/**
 * Parses and validates a flow file's text. Throws FlowError "invalid_json" naming the line
 * and column of a syntax error, or "invalid_flow" listing every problem (also in `problems`).
 *
 * @example
 * const flow = parseFlow(await Bun.file("flows/support.flow.json").text(), { source: "flows/support.flow.json" });
 */
export function parseFlow(text: string, options: ParseFlowOptions = {}): Flow {
  const name = options.source ?? "The flow";
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    const { line, column } = jsonErrorPosition(text, error);
    const message = `${name} is not valid JSON: ${jsonErrorReason(error)} at line ${line}, column ${column}.`;
    throw new FlowError("invalid_json", message, { cause: error });
  }
  const result = validateFlow(input, options);
  if (result.ok) return result.flow;
  const count = result.problems.length === 1 ? "1 problem" : `${result.problems.length} problems`;
  throw new FlowError("invalid_flow", `${name} has ${count}:\n${formatProblems(result.problems)}`, {
    problems: result.problems,
  });
}
