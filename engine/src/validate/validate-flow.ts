import type { FlowProblem } from "../errors.ts";
import type { Flow } from "../schema/flow.ts";
import { cycleProblems } from "./cycle-problems.ts";
import { documentDepthProblem } from "./document-depth.ts";
import { isRecord, readFlowView } from "./flow-view.ts";
import { graphProblems } from "./graph-problems.ts";
import { nameProblems } from "./name-problems.ts";
import { patternProblems } from "./pattern-problems.ts";
import { referenceProblems, type ValidateFlowOptions } from "./reference-problems.ts";
import { routingProblems } from "./routing-problems.ts";
import { schemaProblems, withDefaults } from "./schema-problems.ts";
import { turnLengthProblems } from "./turn-length-problems.ts";

export type FlowValidation = { ok: true; flow: Flow } | { ok: false; problems: FlowProblem[] };

/** The same problem found twice (e.g. one template used in two fields) is reported once. */
function unique(problems: FlowProblem[]): FlowProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.path}\n${problem.message}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

/**
 * Checks a flow document and reports every problem at once, each located by a JSON pointer
 * and, where it concerns a node, its id: the schema (each node against its own type), the
 * graph (ids, edges, entry, reachability, dead ends, branches, loops that never pause, turns
 * longer than LangGraph runs) and
 * the names it uses (models, knowledge bases, variables in templates and expressions). A
 * valid flow comes back with the schema's defaults filled in; the input is not changed.
 *
 * @example
 * const result = validateFlow(JSON.parse(text), { models: ["default", "gpt"] });
 * if (!result.ok) console.error(formatProblems(result.problems));
 */
export function validateFlow(input: unknown, options: ValidateFlowOptions = {}): FlowValidation {
  if (!isRecord(input))
    return { ok: false, problems: [{ path: "", message: "A flow must be a JSON object." }] };
  const tooDeep = documentDepthProblem(input);
  if (tooDeep) return { ok: false, problems: [tooDeep] };
  const draft = withDefaults(input);
  const schema = schemaProblems(draft);
  const view = readFlowView(draft, schema.validNodes);
  const problems = unique([
    ...schema.problems,
    ...graphProblems(view),
    ...routingProblems(view),
    ...cycleProblems(view),
    ...turnLengthProblems(view),
    ...referenceProblems(view, options),
    ...nameProblems(view),
    ...patternProblems(view),
  ]);
  return problems.length === 0 ? { ok: true, flow: draft as Flow } : { ok: false, problems };
}
