import { useCallback, useEffect, useId, useState } from "react";
import { useStudioApi } from "../app/api-context.tsx";
import { routeHash } from "../app/route.ts";
import { navigate } from "../app/use-route.ts";
import { ErrorMessage, Loading } from "../ui/Status.tsx";
import { type AnalyticsReport, FIGURE_ROWS, lastDays, reportLink } from "./analytics-figures.ts";
import type { AnalyticsView, FigureLink } from "./figure-link.ts";
import { ReportCharts } from "./ReportCharts.tsx";
import "./analytics.css";

type Loaded =
  | { state: "loading" }
  | { state: "failed"; message: string }
  | { state: "ready"; reports: AnalyticsReport[] };

/**
 * What conversations came to over a span of days, on every flow, one flow or one version, or
 * two versions side by side: figures, charts by day, top intents and unanswered questions. Every
 * figure links to the conversations behind it, in the flow's Conversations tab.
 */
export function AnalyticsScreen({ view: shown }: { view?: AnalyticsView }) {
  const api = useStudioApi();
  const ids = { from: useId(), to: useId(), flow: useId(), version: useId(), compare: useId() };
  const [range, setRange] = useState(() =>
    shown ? { from: shown.from, to: shown.to } : lastDays(30),
  );
  const [flowId, setFlowId] = useState(shown?.flowId ?? "");
  const [version, setVersion] = useState(shown?.version ?? 0);
  const [compare, setCompare] = useState(shown?.compare ?? 0);
  const [flows, setFlows] = useState<{ id: string; name: string }[]>([]);
  const [versions, setVersions] = useState<number[]>([]);
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });

  useEffect(() => {
    void api.listFlows().then((result) => {
      if (result.ok) setFlows(result.data.map(({ id, name }) => ({ id, name })));
    });
  }, [api]);

  useEffect(() => {
    setVersions([]);
    if (!flowId) return;
    void api.listVersions(flowId).then((result) => {
      if (result.ok) setVersions(result.data.map((info) => info.version).sort((a, b) => a - b));
    });
  }, [api, flowId]);

  const load = useCallback(async () => {
    setLoaded({ state: "loading" });
    const flow = flowId ? { flow_id: flowId } : {};
    const queries = [
      { ...range, ...flow, ...(flowId && version ? { flow_version: version } : {}) },
      ...(flowId && compare ? [{ ...range, ...flow, flow_version: compare }] : []),
    ];
    const results = await Promise.all(queries.map((query) => api.analytics(query)));
    const failed = results.find((result) => !result.ok);
    if (failed && !failed.ok) return setLoaded({ state: "failed", message: failed.error.message });
    setLoaded({
      state: "ready",
      reports: results.flatMap((result) => (result.ok ? [result.data] : [])),
    });
  }, [api, range, flowId, version, compare]);

  useEffect(() => {
    void load();
    // The URL keeps the view, so coming back from a figure's conversations shows it again.
    const view = { ...range, flowId, version, compare };
    window.history.replaceState(null, "", routeHash({ screen: "analytics", view }));
  }, [load, range, flowId, version, compare]);

  // Every flow's figures open in the first flow's editor, its Conversations tab on any flow.
  const linkTo = (report: AnalyticsReport, more: Partial<FigureLink> = {}) =>
    routeHash({
      screen: "editor",
      flowId: report.flowId ?? flows[0]?.id ?? "",
      conversations: reportLink(report, more),
    });

  return (
    <main className="staff-screen analytics-screen">
      <h1>Analytics</h1>
      <form className="analytics-controls" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor={ids.from}>From</label>
        <input
          id={ids.from}
          type="date"
          value={range.from}
          max={range.to}
          onChange={(event) =>
            event.target.value && setRange({ ...range, from: event.target.value })
          }
        />
        <label htmlFor={ids.to}>To</label>
        <input
          id={ids.to}
          type="date"
          value={range.to}
          min={range.from}
          onChange={(event) => event.target.value && setRange({ ...range, to: event.target.value })}
        />
        {[7, 30, 90].map((days) => (
          <button key={days} type="button" onClick={() => setRange(lastDays(days))}>
            Last {days} days
          </button>
        ))}
        <label htmlFor={ids.flow}>Flow</label>
        <select
          id={ids.flow}
          value={flowId}
          onChange={(event) => {
            setFlowId(event.target.value);
            setVersion(0);
            setCompare(0);
          }}
        >
          <option value="">All flows</option>
          {flows.map((flow) => (
            <option key={flow.id} value={flow.id}>
              {flow.name}
            </option>
          ))}
        </select>
        <label htmlFor={ids.version}>Version</label>
        <select
          id={ids.version}
          value={version}
          disabled={!flowId}
          onChange={(event) => setVersion(Number(event.target.value))}
        >
          <option value={0}>All versions</option>
          {versions.map((v) => (
            <option key={v} value={v}>
              v{v}
            </option>
          ))}
        </select>
        <label htmlFor={ids.compare}>Compare with</label>
        <select
          id={ids.compare}
          value={compare}
          disabled={!flowId}
          onChange={(event) => setCompare(Number(event.target.value))}
        >
          <option value={0}>Nothing</option>
          {versions.map((v) => (
            <option key={v} value={v}>
              v{v}
            </option>
          ))}
        </select>
      </form>
      {loaded.state === "loading" && <Loading label="Counting the conversations…" />}
      {loaded.state === "failed" && (
        <ErrorMessage onRetry={() => void load()}>{loaded.message}</ErrorMessage>
      )}
      {loaded.state === "ready" && (
        <Reports
          reports={loaded.reports}
          linkTo={linkTo}
          onOpenDay={(report, day, figure) =>
            navigate({
              screen: "editor",
              flowId: report.flowId ?? flows[0]?.id ?? "",
              conversations: reportLink(report, { from: day, to: day, figure }),
            })
          }
        />
      )}
    </main>
  );
}

const reportName = (report: AnalyticsReport) =>
  report.flowId === null
    ? "All flows"
    : report.flowVersion === null
      ? report.flowId
      : `${report.flowId} v${report.flowVersion}`;

function Reports({
  reports,
  linkTo,
  onOpenDay,
}: {
  reports: AnalyticsReport[];
  linkTo: (report: AnalyticsReport, more?: Partial<FigureLink>) => string;
  onOpenDay: (report: AnalyticsReport, day: string, figure?: FigureLink["figure"]) => void;
}) {
  return (
    <>
      <table className="analytics-figures" aria-label="Figures">
        <thead>
          <tr>
            <th>Figure</th>
            {reports.map((report) => (
              <th key={reportName(report)}>{reportName(report)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {FIGURE_ROWS.map((row) => (
            <tr key={row.name}>
              <th scope="row">{row.name}</th>
              {reports.map((report) => (
                <td key={reportName(report)}>
                  <a href={linkTo(report, row.figure ? { figure: row.figure } : {})}>
                    {row.value(report.totals)}
                  </a>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {reports.map((report) => (
        <section key={reportName(report)} aria-label={`${reportName(report)} by day`}>
          {reports.length > 1 && <h2>{reportName(report)}</h2>}
          <ReportCharts report={report} onOpen={(day, figure) => onOpenDay(report, day, figure)} />
          <div className="analytics-rankings">
            <Ranking
              title="Top intents"
              empty="No turn was classified."
              items={report.topIntents.map(({ intent, turns }) => ({
                label: intent,
                turns,
                href: linkTo(report, { intent }),
              }))}
            />
            <Ranking
              title="Top unanswered questions"
              empty="Every question found an answer."
              items={report.unanswered.map(({ question, turns }) => ({
                label: question,
                turns,
                href: linkTo(report, { question }),
              }))}
            />
          </div>
        </section>
      ))}
    </>
  );
}

function Ranking({
  title,
  empty,
  items,
}: {
  title: string;
  empty: string;
  items: { label: string; turns: number; href: string }[];
}) {
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <ol>
          {items.map((item) => (
            <li key={item.label}>
              <a href={item.href}>
                {item.label} <span className="hint">({item.turns} turns)</span>
              </a>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
