import type { FlowDiff, ValueChange } from "@switchboard/engine";

/** One line of a readable diff. */
interface DiffLine {
  change: "added" | "removed" | "changed" | "moved";
  text: string;
}

export interface DiffSection {
  title: string;
  lines: DiffLine[];
}

/** A value as a short text: strings quoted, containers as compact JSON, cut at `max`. */
function shortValue(value: unknown, max = 80): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function valueLine(where: string, { path, from, to }: ValueChange): DiffLine {
  const at = `${where}${path}`;
  if (from === undefined) return { change: "added", text: `${at} set to ${shortValue(to)}` };
  if (to === undefined)
    return { change: "removed", text: `${at} removed (was ${shortValue(from)})` };
  return { change: "changed", text: `${at}: ${shortValue(from)} → ${shortValue(to)}` };
}

const edgeText = (edge: { source: string; target: string; branch?: string }) =>
  `${edge.source} → ${edge.target}${edge.branch ? ` (${edge.branch})` : ""}`;

/**
 * A diff between two versions as sections a person reads top to bottom: the flow's settings,
 * nodes added, removed and changed (each changed config path with its old and new value),
 * nodes only moved, and edges added and removed. Empty sections are left out.
 */
export function describeDiff(diff: FlowDiff): DiffSection[] {
  const sections: DiffSection[] = [
    { title: "Flow settings", lines: diff.metadata.map((c) => valueLine("", c)) },
    {
      title: "Nodes",
      lines: [
        ...diff.nodes.added.map((n) => ({
          change: "added" as const,
          text: `${n.id} (${n.type}) added`,
        })),
        ...diff.nodes.removed.map((n) => ({
          change: "removed" as const,
          text: `${n.id} (${n.type}) removed`,
        })),
        ...diff.nodes.changed.flatMap((n) => n.changes.map((c) => valueLine(n.id, c))),
        ...diff.nodes.moved.map((id) => ({ change: "moved" as const, text: `${id} moved` })),
      ],
    },
    {
      title: "Edges",
      lines: [
        ...diff.edges.added.map((e) => ({
          change: "added" as const,
          text: `${edgeText(e)} added`,
        })),
        ...diff.edges.removed.map((e) => ({
          change: "removed" as const,
          text: `${edgeText(e)} removed`,
        })),
      ],
    },
  ];
  return sections.filter((section) => section.lines.length > 0);
}
