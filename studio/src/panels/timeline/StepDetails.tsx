import { formatMs } from "../../runs/format.ts";
import type { TimelineStep } from "../../runs/turn-timeline.ts";
import { JsonView } from "../testing/JsonView.tsx";

/** One node's run: its input and output state, what it changed, its model calls, replies and errors. */
export function StepDetails({ step }: { step: TimelineStep }) {
  return (
    <section className="step-details" aria-label={`Details of ${step.nodeId}`}>
      <h3>Input state</h3>
      <JsonView
        value={step.input}
        label={`State before ${step.nodeId}`}
        empty="Not known: the state the turn started from was not sent."
      />
      <h3>Output state</h3>
      <JsonView value={step.output} label={`State after ${step.nodeId}`} empty="Not known." />
      {step.update && Object.keys(step.update).length > 0 && (
        <>
          <h3>Changed</h3>
          <JsonView value={step.update} label={`What ${step.nodeId} changed`} />
        </>
      )}
      <h3>Model calls</h3>
      {step.calls.length === 0 ? (
        <p className="hint">None.</p>
      ) : (
        <table className="calls-table">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Time</th>
              <th scope="col">Tokens in/out</th>
            </tr>
          </thead>
          <tbody>
            {step.calls.map((call, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: calls never reorder
              <tr key={index}>
                <td>
                  {call.model}
                  {call.provider && <span className="hint"> ({call.provider})</span>}
                  {call.attempt && call.attempt > 1 && (
                    <span className="hint"> try {call.attempt}</span>
                  )}
                  {call.error && <div className="chat-failure">{call.error}</div>}
                </td>
                <td>{formatMs(call.latencyMs)}</td>
                <td>
                  {call.inputTokens ?? "–"}/{call.outputTokens ?? "–"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {step.replies.length > 0 && (
        <>
          <h3>Replies</h3>
          {step.replies.map((reply, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: replies never reorder
            <p key={index} className="bubble bubble-bot">
              {reply.text}
            </p>
          ))}
        </>
      )}
      {step.errors.length > 0 && (
        <>
          <h3>Errors</h3>
          <ul className="step-errors">
            {step.errors.map((error, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: errors never reorder
              <li key={index} className="chat-failure">
                {error.code}: {error.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
