import { useEffect, useId, useState } from "react";
import { forkedSession, type RecordedTurnView } from "../../replay/forked-session.ts";
import type { ConversationReplay } from "../../replay/replay-comparison.ts";
import { ErrorMessage, Loading } from "../../ui/Status.tsx";
import type { TestingKit } from "../testing/testing-kit.ts";
import { ReplayComparison } from "./ReplayComparison.tsx";
import { ReplayTarget, type ReplayTargetChoice } from "./ReplayTarget.tsx";

interface RecordedSessionView {
  sessionId: string;
  flowId: string;
  flowVersion: number;
  turns: RecordedTurnView[];
}

type Loaded<T> =
  | { state: "idle" | "loading" }
  | { state: "failed"; message: string }
  | { state: "ready"; value: T };

/**
 * A conversation's recorded sessions, each replayable against the draft or any version (side by
 * side, with "accept as simulation"), and forkable from any of its turns into the chat panel.
 */
export function SessionReplay({ kit, chatId }: { kit: TestingKit; chatId: string }) {
  const replayApi = kit.studio.replay;
  const [sessions, setSessions] = useState<Loaded<RecordedSessionView[]>>({ state: "loading" });
  const [choice, setChoice] = useState<ReplayTargetChoice>({
    version: "draft",
    models: "recorded",
  });
  const [replay, setReplay] = useState<Loaded<ConversationReplay>>({ state: "idle" });
  const [notice, setNotice] = useState<string | null>(null);
  const nameId = useId();
  const [name, setName] = useState("");

  useEffect(() => {
    let live = true;
    void replayApi.listSessions(chatId).then((result) => {
      if (!live) return;
      setSessions(
        result.ok
          ? { state: "ready", value: result.data as RecordedSessionView[] }
          : { state: "failed", message: result.error.message },
      );
    });
    return () => {
      live = false;
    };
  }, [replayApi, chatId]);

  const replaySession = async (sessionId: string) => {
    setReplay({ state: "loading" });
    setNotice(null);
    const result = await replayApi.replaySession(sessionId, choice);
    setReplay(
      result.ok
        ? { state: "ready", value: result.data as ConversationReplay }
        : { state: "failed", message: result.error.message },
    );
  };

  const fork = async (session: RecordedSessionView, turn: number) => {
    const result = await replayApi.fork(session.sessionId, turn);
    if (!result.ok) return setNotice(result.error.message);
    if (session.flowId !== kit.flowId)
      return setNotice(`This conversation ran on “${session.flowId}”; fork it from that flow.`);
    kit.chat.continueWith(
      forkedSession(kit.flowId, result.data.threadId, session.turns.slice(0, turn + 1)),
    );
    kit.showTab("chat");
  };

  const accept = async (value: ConversationReplay) => {
    const result = await replayApi.acceptAsSimulation(value.sessionId, {
      name: name.trim() || `Replay of ${value.chatId.slice(0, 8)}`,
      ...choice,
    });
    setNotice(
      result.ok
        ? `Saved as the simulation “${result.data.name}” in the flow's simulations file.`
        : result.error.message,
    );
  };

  if (sessions.state === "loading") return <Loading label="Reading the recorded turns…" />;
  if (sessions.state === "failed") return <ErrorMessage>{sessions.message}</ErrorMessage>;
  if (sessions.state !== "ready" || sessions.value.length === 0)
    return <p className="hint">No recorded turns to replay in this conversation.</p>;

  return (
    <section aria-label="Replay this conversation" className="replay-panel">
      <h3>Replay</h3>
      <ReplayTarget value={choice} onChange={setChoice} />
      {sessions.value.map((session) => (
        <div key={session.sessionId} className="replay-controls">
          <button type="button" onClick={() => void replaySession(session.sessionId)}>
            Replay {session.turns.length} turn(s) of v{session.flowVersion} against{" "}
            {choice.version === "draft" ? "the draft" : `v${choice.version}`}
          </button>
          <label>
            Fork from turn{" "}
            <select
              aria-label="Fork from turn"
              value=""
              onChange={(event) => void fork(session, Number(event.target.value))}
            >
              <option value="" disabled>
                …
              </option>
              {session.turns.map((turn, index) => (
                <option key={turn.runId} value={index}>
                  {index + 1}
                </option>
              ))}
            </select>
          </label>
        </div>
      ))}
      {notice && <p className="notice">{notice}</p>}
      {replay.state === "loading" && <Loading label="Replaying…" />}
      {replay.state === "failed" && <ErrorMessage>{replay.message}</ErrorMessage>}
      {replay.state === "ready" && (
        <ReplayComparison
          kit={kit}
          replay={replay.value}
          actions={
            <>
              <label htmlFor={nameId}>Simulation name</label>
              <input
                id={nameId}
                value={name}
                placeholder={`Replay of ${replay.value.chatId.slice(0, 8)}`}
                onChange={(event) => setName(event.target.value)}
              />
              <button type="button" onClick={() => void accept(replay.value)}>
                Accept as simulation
              </button>
            </>
          }
        />
      )}
    </section>
  );
}
