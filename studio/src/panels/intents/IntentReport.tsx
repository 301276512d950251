import { useState } from "react";
import { describeApiError } from "../../api/api-result.ts";
import type { StudioApi } from "../../api/studio-api.ts";
import { useStudioApi } from "../../app/api-context.tsx";
import { useEditorSelector } from "../../canvas/use-editor-state.ts";
import type { Editor } from "../../core/editor-store.ts";
import { setNodeValue } from "../../core/flow-edits.ts";
import { moveExample, readIntents } from "../../core/intent-edits.ts";
import { ErrorMessage, Loading } from "../../ui/Status.tsx";

type Report = Extract<Awaited<ReturnType<StudioApi["intentReport"]>>, { ok: true }>["data"];
type Misclassified = Report["mislabeled"][number];

const percent = (share: number) => `${Math.round(share * 100)}%`;

/**
 * A classify node's intent quality report, made on the server from the saved draft (saved
 * first when the canvas has edits): cross-validated accuracy per intent, the pairs of intents
 * confused with the messages concerned, examples that look mislabeled (each movable to the
 * intent the model gave it), and intents with too few examples.
 */
export function IntentReport({
  editor,
  nodeId,
  saveDraft,
}: {
  editor: Editor;
  nodeId: string;
  saveDraft: () => Promise<boolean>;
}) {
  const api = useStudioApi();
  // Kept by identity through other edits: the report is stale once this changes.
  const intents = useEditorSelector(
    editor,
    (state) =>
      (state.flow.nodes.find((node) => node.id === nodeId)?.config as { intents?: unknown })
        ?.intents,
  );
  const [state, setState] = useState<
    | { state: "idle" | "running" }
    | { state: "failed"; message: string }
    | { state: "done"; report: Report; of: unknown }
  >({ state: "idle" });

  async function check() {
    setState({ state: "running" });
    if (editor.getState().dirty && !(await saveDraft()))
      return setState({
        state: "failed",
        message: "The draft could not be saved, so the report would miss your edits.",
      });
    const of = intents;
    const result = await api.intentReport(editor.getState().flow.id, nodeId);
    setState(
      result.ok
        ? { state: "done", report: result.data, of }
        : { state: "failed", message: describeApiError(result.error) },
    );
  }

  function move(mistake: Misclassified) {
    editor.edit((flow) => {
      const node = flow.nodes.find((n) => n.id === nodeId);
      const current = readIntents((node?.config as { intents?: unknown } | undefined)?.intents);
      const from = current.findIndex((intent) => intent.name === mistake.intent);
      const to = current.findIndex((intent) => intent.name === mistake.predicted);
      const example = current[from]?.examples.indexOf(mistake.text) ?? -1;
      if (from < 0 || to < 0 || example < 0) return flow;
      return setNodeValue(
        flow,
        nodeId,
        "/config/intents",
        moveExample(current, { intent: from, example }, to),
      );
    });
  }

  return (
    <section className="intent-report" aria-label="Intent quality">
      <h3>Intent quality</h3>
      <p className="hint">
        Each example is classified by a model trained without it (5-fold cross-validation).
      </p>
      <button type="button" disabled={state.state === "running"} onClick={() => void check()}>
        {state.state === "running" ? "Checking…" : "Check intent quality"}
      </button>
      {state.state === "running" && <Loading label="Training five models on the server…" />}
      {state.state === "failed" && (
        <ErrorMessage onRetry={() => void check()}>{state.message}</ErrorMessage>
      )}
      {state.state === "done" && (
        <ReportView report={state.report} stale={state.of !== intents} onMove={move} />
      )}
    </section>
  );
}

function ReportView({
  report,
  stale,
  onMove,
}: {
  report: Report;
  stale: boolean;
  onMove: (mistake: Misclassified) => void;
}) {
  const mistake = (m: Misclassified) => (
    <>
      “{m.text}”: {m.intent}, taken for {m.predicted} ({percent(m.confidence)})
    </>
  );
  return (
    <div>
      {stale && <p className="notice">The intents changed since this report; check again.</p>}
      <p>
        <strong>{percent(report.accuracy)}</strong> of {report.examples} examples classified right.
      </p>
      <table className="intent-report-table">
        <thead>
          <tr>
            <th scope="col">Intent</th>
            <th scope="col">Examples</th>
            <th scope="col">Accuracy</th>
          </tr>
        </thead>
        <tbody>
          {report.intents.map((intent) => (
            <tr key={intent.name}>
              <td>{intent.name}</td>
              <td>
                {intent.examples}
                {intent.tooFew && (
                  <span className="intent-report-flag">
                    {" "}
                    (too few: add at least {report.minExamples})
                  </span>
                )}
              </td>
              <td>{percent(intent.accuracy)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Confused pairs</h4>
      {report.confusions.length === 0 ? (
        <p className="hint">No two intents are confused.</p>
      ) : (
        <ul className="intent-report-pairs" aria-label="Confused pairs">
          {report.confusions.map((pair) => (
            <li key={pair.intents.join(" ")}>
              <strong>
                {pair.intents[0]} ↔ {pair.intents[1]}
              </strong>
              : {pair.count} examples ({percent(pair.share)})
              <ul>
                {pair.examples.map((m) => (
                  <li key={`${m.intent} ${m.text}`}>{mistake(m)}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      <h4>Look mislabeled</h4>
      {report.mislabeled.length === 0 ? (
        <p className="hint">No example looks filed under the wrong intent.</p>
      ) : (
        <ul className="intent-report-pairs" aria-label="Look mislabeled">
          {report.mislabeled.map((m) => (
            <li key={`${m.intent} ${m.text}`}>
              {mistake(m)}{" "}
              <button type="button" className="link" onClick={() => onMove(m)}>
                Move to {m.predicted}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
