/** The figures whose conversations the runtime can list (`GET /api/conversations?figure=…`). */
export type FigureKind = "contained" | "handoff" | "fallback" | "no_answer" | "rated";

const FIGURE_KINDS: readonly FigureKind[] = [
  "contained",
  "handoff",
  "fallback",
  "no_answer",
  "rated",
];

/**
 * The conversations behind a figure of the analytics screen: the days, the flow's version (or
 * any flow's, or any version), and which figure. Opened in the editor's Conversations tab.
 */
export interface FigureLink {
  from: string;
  to: string;
  /** Every flow's conversations, not only the opened flow's. */
  anyFlow: boolean;
  version?: number;
  figure?: FigureKind;
  intent?: string;
  question?: string;
}

/** The link's query string, e.g. `from=2026-03-02&to=2026-03-03&figure=handoff`. */
export function figureQuery(link: FigureLink): string {
  const query = new URLSearchParams({ from: link.from, to: link.to });
  if (link.anyFlow) query.set("any", "1");
  if (link.version !== undefined) query.set("version", String(link.version));
  if (link.figure) query.set("figure", link.figure);
  if (link.intent) query.set("intent", link.intent);
  if (link.question) query.set("question", link.question);
  return query.toString();
}

/** Reads a link's query string back; undefined without the days. */
export function parseFigureQuery(text: string): FigureLink | undefined {
  const query = new URLSearchParams(text);
  const from = query.get("from");
  const to = query.get("to");
  if (!from || !to) return undefined;
  const version = Number(query.get("version"));
  const figure = query.get("figure") as FigureKind | null;
  return {
    from,
    to,
    anyFlow: query.get("any") === "1",
    ...(Number.isInteger(version) && version > 0 ? { version } : {}),
    ...(figure && FIGURE_KINDS.includes(figure) ? { figure } : {}),
    ...(query.get("intent") ? { intent: query.get("intent") ?? "" } : {}),
    ...(query.get("question") ? { question: query.get("question") ?? "" } : {}),
  };
}

/** What the link shows, in words: "handed off, 2026-03-02 to 2026-03-03, version 2". */
export function describeFigureLink(link: FigureLink): string {
  const what = link.intent
    ? `intent "${link.intent}"`
    : link.question
      ? `unanswered "${link.question}"`
      : link.figure
        ? FIGURE_WORDS[link.figure]
        : "all conversations";
  const days = link.from === link.to ? link.from : `${link.from} to ${link.to}`;
  return `${what}, ${days}${link.version === undefined ? "" : `, version ${link.version}`}`;
}

const FIGURE_WORDS: Record<FigureKind, string> = {
  contained: "contained (no handoff)",
  handoff: "handed off",
  fallback: "with a fallback",
  no_answer: "with no answer",
  rated: "with feedback",
};

/** What the analytics screen shows: the days, and a flow, its version and one to compare. */
export interface AnalyticsView {
  from: string;
  to: string;
  /** Empty: every flow. */
  flowId: string;
  /** 0: every version. */
  version: number;
  /** 0: no comparison. */
  compare: number;
}

export function analyticsViewQuery(view: AnalyticsView): string {
  return new URLSearchParams({
    from: view.from,
    to: view.to,
    flow: view.flowId,
    version: String(view.version),
    compare: String(view.compare),
  }).toString();
}

/** Reads a view back; undefined without the days. */
export function parseAnalyticsView(text: string): AnalyticsView | undefined {
  const query = new URLSearchParams(text);
  const from = query.get("from");
  const to = query.get("to");
  if (!from || !to) return undefined;
  const count = (name: string) => {
    const value = Number(query.get(name));
    return Number.isInteger(value) && value > 0 ? value : 0;
  };
  return {
    from,
    to,
    flowId: query.get("flow") ?? "",
    version: count("version"),
    compare: count("compare"),
  };
}
