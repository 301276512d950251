import type { Flow } from "../schema/flow.ts";

/** Which parts of a flow no simulation visits. */
export interface Coverage {
  nodes: { total: number; uncovered: string[] };
  edges: { total: number; uncovered: string[] };
}

/** A readable name for an edge: `source -[branch]-> target`. */
export function edgeName(source: string, target: string, branch?: string): string {
  return branch ? `${source} -[${branch}]-> ${target}` : `${source} → ${target}`;
}

/** Tracks visited nodes and taken edges across many runs of one flow. */
export class CoverageTracker {
  private readonly nodes = new Set<string>();
  private readonly edges = new Set<string>();

  constructor(private readonly flow: Flow) {}

  /** Records one conversation's visited nodes, in order, with the route each node took. */
  record(path: { nodeId: string; route: string | null }[]): void {
    for (const [i, step] of path.entries()) {
      this.nodes.add(step.nodeId);
      const next = path[i + 1];
      if (!next) continue;
      const edge = this.flow.edges.find(
        (e) =>
          e.source === step.nodeId && e.target === next.nodeId && (e.branch ?? null) === step.route,
      );
      if (edge) this.edges.add(edgeName(edge.source, edge.target, edge.branch));
    }
  }

  report(): Coverage {
    const allEdges = this.flow.edges.map((e) => edgeName(e.source, e.target, e.branch));
    return {
      nodes: {
        total: this.flow.nodes.length,
        uncovered: this.flow.nodes.map((n) => n.id).filter((id) => !this.nodes.has(id)),
      },
      edges: { total: allEdges.length, uncovered: allEdges.filter((e) => !this.edges.has(e)) },
    };
  }
}
