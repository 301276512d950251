import { useMemo } from "react";
import type { HandoffContext } from "../api/staff-api.ts";
import { ReadOnlyCanvas } from "../canvas/ReadOnlyCanvas.tsx";
import { highlightPath } from "../runs/path-highlight.ts";
import "./inbox.css";

/**
 * The customer beside the transcript: channel, flow and version, the handoff's reason and agent,
 * the lead the flow collected, recent intents, the conversation's variables, and the path of the
 * last turns lit on a small read-only canvas of the flow version.
 */
export function CustomerContext({ context }: { context: HandoffContext }) {
  const { flow, path } = context;
  const highlight = useMemo(
    () =>
      flow
        ? highlightPath(
            { steps: path.map((nodeId) => ({ nodeId, status: "done" as const })) },
            flow.edges,
          )
        : undefined,
    [flow, path],
  );
  return (
    <aside className="inbox-context" aria-label="Customer context">
      <dl>
        <dt>Customer</dt>
        <dd>{context.userId}</dd>
        <dt>Channel</dt>
        <dd>{context.channel}</dd>
        <dt>Flow</dt>
        <dd>
          {context.flowId} v{context.flowVersion}
        </dd>
        <dt>Reason</dt>
        <dd>{context.reason ?? "—"}</dd>
        <dt>Agent</dt>
        <dd>{context.assigneeName ?? "unassigned"}</dd>
      </dl>
      {context.leads.map((lead) => (
        <section key={lead.variable} aria-label={`Lead (${lead.variable})`}>
          <h2>Lead</h2>
          <Values values={lead.values} />
        </section>
      ))}
      <section aria-label="Recent intents">
        <h2>Recent intents</h2>
        {context.intents.length === 0 ? (
          <p className="muted">None recognised yet.</p>
        ) : (
          <ol className="inbox-intents">
            {context.intents.map((intent) => (
              <li key={intent.at}>
                <strong>{intent.name}</strong> {Math.round(intent.confidence * 100)}%{" "}
                <time className="muted" dateTime={intent.at}>
                  {new Date(intent.at).toLocaleTimeString()}
                </time>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-label="Path">
        <h2>Path</h2>
        <p className="inbox-path">{path.join(" → ") || "—"}</p>
        {flow && highlight && (
          <div className="inbox-path-canvas">
            <ReadOnlyCanvas flow={flow} highlight={highlight} label="The customer's path" />
          </div>
        )}
      </section>
      <details>
        <summary>Variables</summary>
        <Values values={context.variables} />
      </details>
    </aside>
  );
}

function Values({ values }: { values: Record<string, unknown> }) {
  const entries = Object.entries(values);
  if (entries.length === 0) return <p className="muted">None.</p>;
  return (
    <dl className="inbox-values">
      {entries.map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{typeof value === "string" ? value : JSON.stringify(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
