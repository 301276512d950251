import type { FlowDraft, FlowNode } from "./flow-draft.ts";

/** A node that matches a search, with the text that matched (to show why). */
export interface NodeMatch {
  id: string;
  title: string;
  type: FlowNode["type"];
  /** Where the words were found: "id", "title", or a config field such as "text". */
  field: string;
  excerpt: string;
}

/** Every string in a config, with the name of the field it sits in. */
function configTexts(value: unknown, field: string, out: [string, string][]) {
  if (typeof value === "string") out.push([field, value]);
  else if (typeof value === "number" || typeof value === "boolean")
    out.push([field, String(value)]);
  else if (Array.isArray(value)) for (const item of value) configTexts(item, field, out);
  else if (value && typeof value === "object")
    for (const [key, item] of Object.entries(value)) configTexts(item, key, out);
}

const EXCERPT = 60;

function excerptAround(text: string, word: string): string {
  const at = text.toLowerCase().indexOf(word);
  const start = Math.max(0, at - 20);
  const cut = text.slice(start, start + EXCERPT);
  return `${start > 0 ? "…" : ""}${cut}${start + EXCERPT < text.length ? "…" : ""}`;
}

/**
 * The nodes whose id, title or config text contain every word of `query` (case aside), best
 * first: an id or title match before a config match.
 *
 * @example
 * searchNodes(flow, "order number")[0]?.id // "ask_order"
 */
export function searchNodes(flow: FlowDraft, query: string, limit = 20): NodeMatch[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const found: (NodeMatch & { rank: number })[] = [];
  for (const node of flow.nodes) {
    const texts: [string, string][] = [
      ["id", node.id],
      ["title", node.title ?? ""],
    ];
    configTexts(node.config, "config", texts);
    const all = texts.map(([, text]) => text.toLowerCase()).join("\n");
    if (!words.every((word) => all.includes(word))) continue;
    const first = words[0] ?? "";
    const index = texts.findIndex(([, text]) => text.toLowerCase().includes(first));
    const [field, text] = texts[index] ?? ["id", node.id];
    found.push({
      id: node.id,
      title: node.title || node.id,
      type: node.type,
      field,
      excerpt: excerptAround(text, first),
      rank: index < 2 ? 0 : 1,
    });
  }
  return found
    .sort((a, b) => a.rank - b.rank)
    .slice(0, limit)
    .map(({ rank: _, ...match }) => match);
}
