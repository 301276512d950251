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
  return (
    <div className="analytics-charts">
      <figure>
        <figcaption>Conversations by day</figcaption>
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <BarChart data={days}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            <Bar
              isAnimationActive={false}
              dataKey="contained"
              name="Contained"
              stackId="c"
              fill="var(--answer)"
              cursor="pointer"
              onClick={barClick("contained")}
            />
            <Bar
              isAnimationActive={false}
              dataKey="handedOff"
              name="Handed off"
              stackId="c"
              fill="var(--act)"
              cursor="pointer"
              onClick={barClick("handoff")}
            />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <figure>
        <figcaption>Rates by day (%)</figcaption>
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <LineChart data={days}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" />
            <YAxis unit="%" />
            <Tooltip />
            <Legend />
            <Line
              isAnimationActive={false}
              dataKey="handoffPercent"
              name="Handoff"
              stroke="var(--act)"
              connectNulls
              activeDot={dot("handoff")}
            />
            <Line
              isAnimationActive={false}
              dataKey="fallbackPercent"
              name="Fallback"
              stroke="var(--understand)"
              connectNulls
              activeDot={dot("fallback")}
            />
            <Line
              isAnimationActive={false}
              dataKey="noAnswerPercent"
              name="No answer"
              stroke="var(--logic)"
              connectNulls
              activeDot={dot("no_answer")}
            />
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <figure>
        <figcaption>Feedback by day</figcaption>
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <BarChart data={days}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            <Bar
              isAnimationActive={false}
              dataKey="positive"
              name="Up"
              stackId="f"
              fill="var(--ok)"
              cursor="pointer"
              onClick={barClick("rated")}
            />
            <Bar
              isAnimationActive={false}
              dataKey="negative"
              name="Down"
              stackId="f"
              fill="var(--danger)"
              cursor="pointer"
              onClick={barClick("rated")}
            />
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}
