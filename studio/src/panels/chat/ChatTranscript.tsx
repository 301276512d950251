import { useEffect, useRef } from "react";
import type { ChatSession, ChatTurn } from "../../runs/chat-session.ts";
import { describeInput } from "../../runs/simulation-report.ts";
import type { TestingKit } from "../testing/testing-kit.ts";

/** The conversation so far, turn by turn; every text is the user's or the flow's, shown as text. */
export function ChatTranscript({
  kit,
  session,
  failureShown,
}: {
  kit: TestingKit;
  session: ChatSession;
  /** Whether the panel already shows why the latest turn failed. */
  failureShown: boolean;
}) {
  const end = useRef<HTMLDivElement>(null);
  const latest = session.turns.at(-1)?.timeline;
  // biome-ignore lint/correctness/useExhaustiveDependencies: scrolls as the latest turn grows
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: "end" });
  }, [latest]);

  if (session.turns.length === 0)
    return (
      <p className="empty">
        Say something to the flow. Each turn lights its path on the canvas and opens in the
        timeline.
      </p>
    );
  return (
    <div className="chat-log" role="log" aria-label="Conversation" aria-live="polite">
      {session.turns.map((turn) => (
        <TurnView
          key={turn.number}
          kit={kit}
          session={session}
          turn={turn}
          showFailure={!(failureShown && turn === session.turns.at(-1))}
        />
      ))}
      <div ref={end} />
    </div>
  );
}

function TurnView({
  kit,
  session,
  turn,
  showFailure,
}: {
  kit: TestingKit;
  session: ChatSession;
  turn: ChatTurn;
  showFailure: boolean;
}) {
  const { timeline } = turn;
  const input = timeline.input;
  const open = () => {
    kit.bench.inspect({
      key: `chat:${session.threadId}:${turn.number}`,
      label: `Chat, turn ${turn.number}`,
      timeline,
    });
    kit.showTab("timeline");
  };
  return (
    <div className="chat-turn">
      <div className={input.kind === "user" ? "bubble bubble-user" : "bubble bubble-agent-action"}>
        <span className="visually-hidden">{input.kind === "user" ? "You: " : ""}</span>
        {describeInput(input)}
      </div>
      {timeline.replies.map((reply, index) => (
        <div
          // Replies of a turn never reorder.
          // biome-ignore lint/suspicious/noArrayIndexKey: position is the identity here
          key={index}
          className={reply.author === "agent" ? "bubble bubble-agent" : "bubble bubble-bot"}
        >
          <span className="visually-hidden">{reply.author === "agent" ? "Agent: " : "Bot: "}</span>
          {reply.text}
        </div>
      ))}
      {timeline.pending && (
        <div className="bubble bubble-bot bubble-pending" aria-busy="true">
          {timeline.pending}
        </div>
      )}
      {timeline.status === "running" && !timeline.pending && (
        <div className="typing" role="status">
          Running {timeline.steps.at(-1)?.nodeId ?? "the flow"}…
        </div>
      )}
      {timeline.handoff?.status === "open" && timeline.result?.status === "handoff" && (
        <p className="chat-event">
          Handed to a human agent ({timeline.handoff.queue}): {timeline.handoff.reason}
        </p>
      )}
      {timeline.result?.status === "ended" && <p className="chat-event">The conversation ended.</p>}
      {timeline.failure && showFailure && (
        <p className="chat-event chat-failure">The turn failed: {timeline.failure.message}</p>
      )}
      {timeline.status !== "running" && (
        <button
          type="button"
          className="link turn-link"
          onClick={open}
          aria-label={`Show turn ${turn.number} in the timeline`}
        >
          Turn {turn.number} · {timeline.steps.length} node{timeline.steps.length === 1 ? "" : "s"}
          {timeline.durationMs !== undefined ? ` · ${Math.round(timeline.durationMs)} ms` : ""}
        </button>
      )}
    </div>
  );
}
