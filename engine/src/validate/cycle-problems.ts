import type { FlowProblem } from "../errors.ts";
import { nodeDefinitions, nodeTypes } from "../nodes/definitions.ts";
import { type FlowView, firstNodes } from "./flow-view.ts";

type Successors = Map<string, string[]>;

/** Tarjan's strongly connected components; flows are small, so recursion is fine. */
function components(ids: string[], successors: Successors): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const result: string[][] = [];
  const visit = (id: string) => {
    index.set(id, index.size);
    low.set(id, index.get(id) ?? 0);
    stack.push(id);
    for (const next of successors.get(id) ?? []) {
      if (!index.has(next)) visit(next);
      if (stack.includes(next)) low.set(id, Math.min(low.get(id) ?? 0, low.get(next) ?? 0));
    }
    if (low.get(id) !== index.get(id)) return;
    result.push(stack.splice(stack.indexOf(id)));
  };
  for (const id of ids) if (!index.has(id)) visit(id);
  return result;
}

/** A shortest cycle through `start` inside a component, as the ids along it (start repeated last). */
function cycleThrough(start: string, members: Set<string>, successors: Successors): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const next of successors.get(id) ?? []) {
      if (next === start) {
        const path: string[] = [];
        for (
          let step: string | undefined = id;
          step !== undefined && step !== start;
          step = previous.get(step)
        ) {
          path.unshift(step);
        }
        return [start, ...path, start];
      }
      if (!members.has(next) || previous.has(next)) continue;
      previous.set(next, id);
      queue.push(next);
    }
  }
  return [start, start];
}

/**
 * Loops that never pause. Only a node that waits (for the user's next message or for a human)
 * ends a turn, so a cycle of nodes that never wait would run forever. Pausing nodes are left
 * out of the graph; any cycle that remains is such a loop.
 */
export function cycleProblems(view: FlowView): FlowProblem[] {
  const nodes = firstNodes(view);
  // A node of unknown type is already reported; treating it as pausing avoids a second report.
  const looping = new Set(
    [...nodes.values()].filter((n) => n.type && !nodeDefinitions[n.type].pauses).map((n) => n.id),
  );
  const successors: Successors = new Map([...looping].map((id) => [id, [] as string[]]));
  for (const edge of view.edges) {
    if (looping.has(edge.source) && looping.has(edge.target))
      successors.get(edge.source)?.push(edge.target);
  }
  const pausing = nodeTypes.filter((type) => nodeDefinitions[type].pauses).join(", ");
  return components([...looping], successors).flatMap((component) => {
    const [start] = component.sort(
      (a, b) => (nodes.get(a)?.index ?? 0) - (nodes.get(b)?.index ?? 0),
    );
    if (start === undefined) return [];
    const selfLoop = successors.get(start)?.includes(start) ?? false;
    if (component.length === 1 && !selfLoop) return [];
    const cycle = cycleThrough(start, new Set(component), successors).map((id) => `"${id}"`);
    return [
      {
        path: `/nodes/${nodes.get(start)?.index ?? 0}`,
        nodeId: start,
        message: `Nodes ${cycle.join(" → ")} form a loop with no node that waits for the user (${pausing}), so a conversation entering it would never stop.`,
      },
    ];
  });
}
