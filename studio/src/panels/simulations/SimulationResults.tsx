import type { ChatVersion } from "../../runs/chat-session.ts";
import type {
  SimulationRow,
  SimulationSummary,
  SimulationTurnRow,
} from "../../runs/simulation-report.ts";
import type { TestingKit } from "../testing/testing-kit.ts";

const RAN_ON = {
  draft: "the draft as the canvas shows it, unsaved edits included",
  published: "the published version",
  latest: "the latest version",
};

/** Pass or fail per simulation and model, failures first, each turn with its problems. */
export function SimulationResults({
  kit,
  summary,
  ranOn,
}: {
  kit: TestingKit;
  summary: SimulationSummary;
  ranOn: ChatVersion;
}) {
  return (
    <div className="simulation-results">
      <h3>Results</h3>
      <p role="status" className={summary.failed > 0 ? "run-summary failed" : "run-summary passed"}>
        {summary.passed} passed, {summary.failed} failed on{" "}
        {typeof ranOn === "number" ? `version ${ranOn}` : RAN_ON[ranOn]}
      </p>
      <ul className="result-list">
        {summary.rows.map((row) => (
          <ResultRow key={row.key} kit={kit} row={row} />
        ))}
      </ul>
    </div>
  );
}

function ResultRow({ kit, row }: { kit: TestingKit; row: SimulationRow }) {
  const open = (turn: SimulationTurnRow) => {
    if (!turn.timeline) return;
    kit.bench.inspect({
      key: `simulation:${row.key}:${turn.index}`,
      label: `${row.simulation} (${row.model}), turn ${turn.index}`,
      timeline: turn.timeline,
    });
    kit.showTab("timeline");
    kit.showNodes(turn.timeline.steps.map((step) => step.nodeId));
  };
  return (
    <li className={row.passed ? "result passed" : "result failed"}>
      <details open={!row.passed}>
        <summary>
          <span className="result-badge">{row.passed ? "Pass" : "Fail"}</span>
          <span className="simulation-name">{row.simulation}</span>
          <span className="hint"> on {row.model}</span>
        </summary>
        {row.firstMismatch && <p className="first-mismatch">{row.firstMismatch}</p>}
        <ol className="result-turns">
          {row.turns.map((turn) => (
            <li key={turn.index} className={turn.passed ? "passed" : "failed"}>
              <span className="result-turn-label">
                {turn.passed ? "✓" : "✗"} {turn.label}
              </span>
              {turn.problems.map((problem) => (
                <p key={problem} className="chat-failure">
                  {problem}
                </p>
              ))}
              {turn.timeline && (
                <button
                  type="button"
                  className="link"
                  aria-label={`Open turn ${turn.index} of ${row.simulation} (${row.model}) in the timeline`}
                  onClick={() => open(turn)}
                >
                  Open in the timeline
                </button>
              )}
            </li>
          ))}
        </ol>
      </details>
    </li>
  );
}
