import { type Flow, validateFlow } from "@switchboard/engine";

/** Fields with schema defaults may be left out, as in a flow file. */
export type FlowDocument = { entry: string; nodes: unknown[]; edges: unknown[] } & Record<
  string,
  unknown
>;

/**
 * A flow from a partial document, validated so defaults are filled as in production.
 *
 * @example
 * const flow = flowOf({ entry: "hi", nodes: [{ id: "hi", type: "end", config: {} }], edges: [] });
 */
export function flowOf(document: FlowDocument): Flow {
  const result = validateFlow({ id: "test", name: "Test", version: 1, ...document });
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  return result.flow;
}
