import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { AnalyticsReport } from "./analytics-figures.ts";
import type { FigureKind } from "./figure-link.ts";

/** Opens the conversations behind a figure on one day. */
type OpenDay = (day: string, figure?: FigureKind) => void;

const HEIGHT = 220;
const asPercent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/** One series of a chart: the day's field it draws, its legend, colour and figure. */
interface Series {
  key: string;
  name: string;
  colour: string;
  figure: FigureKind;
}

/**
 * A report's figures by day: conversations (contained and handed off), the rates, and feedback.
 * A bar or a point opens the conversations behind it on that day.
 */
export function ReportCharts({ report, onOpen }: { report: AnalyticsReport; onOpen: OpenDay }) {
  const days = report.days.map((day) => ({
    ...day,
    handoffPercent: asPercent(day.handoffRate),
    fallbackPercent: asPercent(day.fallbackRate),
    noAnswerPercent: asPercent(day.noAnswerRate),
  }));
  const barClick = (figure?: FigureKind) => (data: { payload?: { day?: string } }) => {
    if (data.payload?.day) onOpen(data.payload.day, figure);
  };
  // An active dot's props carry the day it stands for.
  const dot = (figure: FigureKind) => ({
    r: 5,
    cursor: "pointer",
    onClick: (props: object) => {
      const { payload } = props as { payload?: { day?: string } };
      if (payload?.day) onOpen(payload.day, figure);
    },
  });
  /** Stacked bars by day, one stack of `series`. */
  const dayBars = (caption: string, series: Series[]) => (
    <figure>
      <figcaption>{caption}</figcaption>
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <BarChart data={days}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          {series.map(({ key, name, colour, figure }) => (
            <Bar
              key={key}
              isAnimationActive={false}
              dataKey={key}
              name={name}
              stackId={caption}
              fill={colour}
              cursor="pointer"
              onClick={barClick(figure)}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
  const rates: Series[] = [
    { key: "handoffPercent", name: "Handoff", colour: "var(--act)", figure: "handoff" },
    { key: "fallbackPercent", name: "Fallback", colour: "var(--understand)", figure: "fallback" },
    { key: "noAnswerPercent", name: "No answer", colour: "var(--logic)", figure: "no_answer" },
  ];
  return (
    <div className="analytics-charts">
      {dayBars("Conversations by day", [
        { key: "contained", name: "Contained", colour: "var(--answer)", figure: "contained" },
        { key: "handedOff", name: "Handed off", colour: "var(--act)", figure: "handoff" },
      ])}
      <figure>
        <figcaption>Rates by day (%)</figcaption>
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <LineChart data={days}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" />
            <YAxis unit="%" />
            <Tooltip />
            <Legend />
            {rates.map(({ key, name, colour, figure }) => (
              <Line
                key={key}
                isAnimationActive={false}
                dataKey={key}
                name={name}
                stroke={colour}
                connectNulls
                activeDot={dot(figure)}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </figure>
      {dayBars("Feedback by day", [
        { key: "positive", name: "Up", colour: "var(--ok)", figure: "rated" },
        { key: "negative", name: "Down", colour: "var(--danger)", figure: "rated" },
      ])}
    </div>
  );
}
