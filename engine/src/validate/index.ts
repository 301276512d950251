/**
 * Flow validation: every problem of a flow document at once, located for the studio and the CLI.
 * Free of LangChain, like `../schema`: the studio validates as the user edits.
 * @module
 */
export { builtinNames, reservedNodeIds } from "../schema/builtin-names.ts";
export { formatProblems } from "./format-problems.ts";
export { type ParseFlowOptions, parseFlow } from "./parse-flow.ts";
export type { ValidateFlowOptions } from "./reference-problems.ts";
export { type FlowValidation, validateFlow } from "./validate-flow.ts";
