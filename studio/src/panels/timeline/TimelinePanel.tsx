import { formatMs } from "../../runs/format.ts";
import { describeInput } from "../../runs/simulation-report.ts";
import type { TimelineStep } from "../../runs/turn-timeline.ts";
import type { TestingKit } from "../testing/testing-kit.ts";
import { useStore } from "../testing/use-store.ts";
import { StepDetails } from "./StepDetails.tsx";
import { TraceLink } from "./TraceLink.tsx";

const SOURCE_NOTE = {
  live: "",
  simulated: "A simulated turn keeps the nodes, calls and replies, not the state between nodes.",
  recorded: "A recorded turn keeps timings, model calls and errors, not the state between nodes.",
};

/**
 * One turn node by node: each node with its time, branch and status; picking one shows the
 * state it started from and left, what it changed, and its model calls, and marks it on the
 * canvas.
 */
export function TimelinePanel({ kit }: { kit: TestingKit }) {
  const { inspection, selectedStep } = useStore(kit.bench);
  if (!inspection)
    return (
      <section className="testing-panel" aria-label="Turn timeline">
        <p className="empty">
          No turn is open. Chat with the flow, or open a simulation's turn or a conversation's turn,
          to follow it here node by node.
        </p>
      </section>
    );
  const { timeline } = inspection;
  const selected = selectedStep === null ? undefined : timeline.steps[selectedStep];
  const pick = (index: number, step: TimelineStep) => {
    kit.bench.selectStep(index === selectedStep ? null : index);
    if (index !== selectedStep) kit.focusNode(step.nodeId);
  };

  return (
    <section className="testing-panel" aria-label="Turn timeline">
      <div className="timeline-heading">
        <h2>{inspection.label}</h2>
        <button
          type="button"
          className="link"
          aria-label="Close the turn"
          onClick={() => kit.bench.close()}
        >
          Close
        </button>
      </div>
      <p className="timeline-input">{describeInput(timeline.input) || "(no message)"}</p>
      <p className="hint">
        <TurnStatus status={timeline.status} result={timeline.result?.status} />
        {timeline.durationMs !== undefined && ` · ${formatMs(timeline.durationMs)}`}
        {inspection.flow &&
          ` · ${inspection.flow.id}${inspection.flow.version === null ? " (draft)" : ` v${inspection.flow.version}`}`}
        {timeline.traceUrl && (
          <>
            {" · "}
            <TraceLink url={timeline.traceUrl} />
          </>
        )}
      </p>
      {SOURCE_NOTE[timeline.source] && <p className="hint">{SOURCE_NOTE[timeline.source]}</p>}
      {timeline.failure && (
        <p className="chat-failure" role="alert">
          {timeline.failure.message}
        </p>
      )}
      {timeline.steps.length === 0 ? (
        <p className="empty">No node has run yet.</p>
      ) : (
        <ol className="timeline-steps" aria-label="Nodes in the order they ran">
          {timeline.steps.map((step, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a turn's steps only grow at the end
            <li key={`${step.nodeId}-${index}`}>
              <button
                type="button"
                className={`timeline-step step-${step.status}`}
                aria-pressed={index === selectedStep}
                aria-label={`${step.nodeId}: ${stepSummary(step)}`}
                onClick={() => pick(index, step)}
              >
                <span className="step-marker" aria-hidden="true" />
                <span className="step-node">{step.nodeId}</span>
                {step.nodeType && <span className="step-type">{step.nodeType}</span>}
                <span className="step-meta">{stepSummary(step)}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
      {selected && <StepDetails step={selected} />}
    </section>
  );
}

function TurnStatus({ status, result }: { status: string; result?: string }) {
  if (status === "running") return <span role="status">Running…</span>;
  if (status === "failed") return <span>Failed</span>;
  return <span>Done{result ? `: ${result}` : ""}</span>;
}

function stepSummary(step: TimelineStep): string {
  const parts: string[] = [];
  if (step.status === "running") parts.push("running");
  if (step.durationMs !== undefined) parts.push(formatMs(step.durationMs));
  if (step.route) parts.push(`→ ${step.route}`);
  if (step.calls.length > 0)
    parts.push(`${step.calls.length} model call${step.calls.length === 1 ? "" : "s"}`);
  if (step.errors.length > 0)
    parts.push(`${step.errors.length} error${step.errors.length === 1 ? "" : "s"}`);
  return parts.join(" · ") || "done";
}
