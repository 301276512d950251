import { useEffect } from "react";
import {
  type ConversationReplay,
  compareTurn,
  describeInput,
  type ReplayedTurn,
  timelineOfOutcome,
} from "../../replay/replay-comparison.ts";
import type { TestingKit } from "../testing/testing-kit.ts";
import "./replay.css";

/**
 * A recorded conversation and its replay side by side, turn by turn: replies, path, intent and
 * confidence, variables, handoff and status, the changed ones highlighted. The first divergence
 * is marked on the canvas as the view opens; any turn's replayed path can be shown there.
 */
export function ReplayComparison({
  kit,
  replay,
  actions,
}: {
  kit: TestingKit;
  replay: ConversationReplay;
  actions?: React.ReactNode;
}) {
  const target = replay.targetVersion === null ? "draft" : `v${replay.targetVersion}`;
  const showOnCanvas = (turn: ReplayedTurn) => {
    kit.bench.inspect({
      key: `replay:${replay.sessionId}:${target}:${turn.index}`,
      label: `Replay against ${target}, turn ${turn.index + 1}`,
      timeline: timelineOfOutcome(turn, "replayed"),
      diverged: turn.divergedAt,
    });
    kit.showNodes([...turn.replayed.path, ...(turn.divergedAt ? [turn.divergedAt] : [])]);
  };

  useEffect(() => {
    const first = replay.firstDivergence;
    const turn = first ? replay.turns[first.turn] : undefined;
    if (!turn) return;
    kit.bench.inspect({
      key: `replay:${replay.sessionId}:${target}:${turn.index}`,
      label: `Replay against ${target}, turn ${turn.index + 1}`,
      timeline: timelineOfOutcome(turn, "replayed"),
      diverged: turn.divergedAt,
    });
  }, [kit, replay, target]);

  return (
    <section aria-label="Replay">
      <p className="hint" role="status">
        {replay.changes.length === 0
          ? `No difference: the ${replay.turns.length} turn(s) replay the same on ${target}.`
          : `Changed on ${target}: ${replay.changes.join(", ")}. First divergence: turn ${(replay.firstDivergence?.turn ?? 0) + 1}${replay.firstDivergence?.nodeId ? ` at ${replay.firstDivergence.nodeId}` : ""}.`}
        {replay.modelAnswers.reused + replay.modelAnswers.called > 0 &&
          ` Model answers: ${replay.modelAnswers.reused} reused, ${replay.modelAnswers.called} asked.`}
      </p>
      {actions && <div className="replay-controls">{actions}</div>}
      <ol className="replay-turns" aria-label="Turns side by side">
        {replay.turns.map((turn) => {
          const first = replay.firstDivergence?.turn === turn.index;
          return (
            <li
              key={turn.index}
              className={`replay-turn${first ? " replay-first-divergence" : ""}`}
              aria-label={`Turn ${turn.index + 1}`}
            >
              <h3>
                {turn.index + 1}. {describeInput(turn)}
                {first && (
                  <span className="replay-badge">
                    first divergence{turn.divergedAt ? ` at ${turn.divergedAt}` : ""}
                  </span>
                )}
              </h3>
              <table className="replay-table">
                <thead>
                  <tr>
                    <th style={{ width: "22%" }} />
                    <th>Recorded (v{replay.recordedVersion})</th>
                    <th>Replayed ({target})</th>
                  </tr>
                </thead>
                <tbody>
                  {compareTurn(turn).map((field) => (
                    <tr
                      key={field.label}
                      className={field.changed ? "replay-changed" : undefined}
                      data-changed={field.changed}
                    >
                      <th scope="row">{field.label}</th>
                      <td>{field.recorded}</td>
                      <td>{field.replayed}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <button
                type="button"
                className="link"
                aria-label={`Show the replayed path of turn ${turn.index + 1} on the canvas`}
                onClick={() => showOnCanvas(turn)}
              >
                Show on canvas
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
