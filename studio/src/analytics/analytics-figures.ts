import type { AnalyticsQuery, StudioApi } from "../api/studio-api.ts";
import type { FigureKind, FigureLink } from "./figure-link.ts";

/** An analytics report as the runtime answers it. */
export type AnalyticsReport = Extract<
  Awaited<ReturnType<StudioApi["analytics"]>>,
  { ok: true }
>["data"];

type Figures = AnalyticsReport["totals"];

/** One row of the figures table: its name, how it reads, and the conversations behind it. */
export interface FigureRow {
  name: string;
  value: (figures: Figures) => string;
  /** The figure the row's conversations are (undefined: all the span's conversations). */
  figure?: FigureKind;
}

const percent = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toFixed(1)}%`);

export const FIGURE_ROWS: FigureRow[] = [
  { name: "Conversations", value: (f) => String(f.conversations) },
  {
    name: "Containment",
    value: (f) => `${percent(f.containmentRate)} (${f.contained})`,
    figure: "contained",
  },
  {
    name: "Handoff rate",
    value: (f) => `${percent(f.handoffRate)} (${f.handedOff})`,
    figure: "handoff",
  },
  {
    name: "Fallback rate",
    value: (f) => `${percent(f.fallbackRate)} (${f.fallbacks} of ${f.turns} turns)`,
    figure: "fallback",
  },
  {
    name: "No-answer rate",
    value: (f) => `${percent(f.noAnswerRate)} (${f.noAnswers} of ${f.turns} turns)`,
    figure: "no_answer",
  },
  {
    name: "Turns per conversation",
    value: (f) => (f.turnsPerConversation === null ? "—" : f.turnsPerConversation.toFixed(2)),
  },
  {
    name: "Feedback",
    value: (f) =>
      f.averageScore === null
        ? "none"
        : `average ${f.averageScore.toFixed(2)} (${f.positive} up, ${f.negative} down)`,
    figure: "rated",
  },
];

/** The link to a report's conversations: the days and the report's flow and version. */
export function reportLink(
  report: Pick<AnalyticsReport, "from" | "to" | "flowVersion" | "flowId">,
  more: Partial<FigureLink> = {},
): FigureLink {
  return {
    from: report.from,
    to: report.to,
    anyFlow: report.flowId === null,
    ...(report.flowVersion === null ? {} : { version: report.flowVersion }),
    ...more,
  };
}

/** The query of the last `days` days, today included. */
export function lastDays(days: number, today = new Date()): Pick<AnalyticsQuery, "from" | "to"> {
  const day = (time: number) => new Date(time).toISOString().slice(0, 10);
  return { from: day(today.getTime() - (days - 1) * 86_400_000), to: day(today.getTime()) };
}
