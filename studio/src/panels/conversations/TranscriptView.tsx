import { navigate } from "../../app/use-route.ts";
import type { TranscriptTurn } from "../../runs/conversation-transcript.ts";
import { formatMs } from "../../runs/format.ts";
import { type RecordedRun, timelineFromRun } from "../../runs/recorded-timelines.ts";
import type { TestingKit } from "../testing/testing-kit.ts";
import { useStore } from "../testing/use-store.ts";
import { TraceLink } from "../timeline/TraceLink.tsx";
import type { ConversationItem } from "./conversations-state.ts";

const ROLE = { user: "User", assistant: "Bot", agent: "Agent", system: "System" } as const;

/** A conversation's messages grouped by turn; a turn's path opens on the canvas and in the timeline. */
export function TranscriptView({
  kit,
  conversation,
  turns,
}: {
  kit: TestingKit;
  conversation: ConversationItem;
  turns: TranscriptTurn[];
}) {
  const inspected = useStore(kit.bench).inspection?.key;
  const otherFlow = conversation.flowId !== null && conversation.flowId !== kit.flowId;
  const inspect = (run: RecordedRun, turn: TranscriptTurn, index: number, details: boolean) => {
    kit.bench.inspect({
      key: `run:${run.id}`,
      label: `${conversation.userId} on ${conversation.channel}, turn ${index + 1}`,
      timeline: timelineFromRun(run, turn.input),
      flow: { id: run.flowId, version: run.flowVersion },
    });
    if (details) kit.showTab("timeline");
    else kit.showNodes(run.nodes.map((node) => node.nodeId));
  };
  if (turns.length === 0) return <p className="empty">This conversation has no messages yet.</p>;
  return (
    <>
      {otherFlow && (
        <p className="notice">
          This conversation ran on the flow “{conversation.flowId}”; its paths show on that flow's
          canvas.{" "}
          <button
            type="button"
            className="link"
            onClick={() => navigate({ screen: "editor", flowId: conversation.flowId as string })}
          >
            Open {conversation.flowId}
          </button>
        </p>
      )}
      <ol className="transcript" aria-label="Transcript">
        {turns.map((turn, index) => {
          const { run } = turn;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: turns never reorder
            <li key={index} className="transcript-turn">
              {turn.messages.map((message) => (
                <div key={message.messageId} className={`bubble bubble-${message.role}`}>
                  <span className="bubble-role">{ROLE[message.role]}</span>
                  {message.content}
                </div>
              ))}
              {run && (
                <div className="turn-links">
                  <button
                    type="button"
                    className="link turn-link"
                    aria-label={`Show the path of turn ${index + 1} on the canvas`}
                    aria-pressed={inspected === `run:${run.id}`}
                    onClick={() => inspect(run, turn, index, false)}
                  >
                    Path · {run.nodes.length} node{run.nodes.length === 1 ? "" : "s"} ·{" "}
                    {formatMs(run.durationMs)} · {run.status}
                    {run.flowVersion ? ` · v${run.flowVersion}` : ""}
                  </button>
                  <button
                    type="button"
                    className="link"
                    aria-label={`Open turn ${index + 1} in the timeline`}
                    onClick={() => inspect(run, turn, index, true)}
                  >
                    Timeline
                  </button>
                  {run.traceUrl && <TraceLink url={run.traceUrl} turn={index + 1} />}
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}
