import { useCallback, useEffect, useId, useState } from "react";
import type { ConversationReplay } from "../../replay/replay-comparison.ts";
import { ErrorMessage, Loading } from "../../ui/Status.tsx";
import type { TestingKit } from "../testing/testing-kit.ts";
import { useStore } from "../testing/use-store.ts";
import { ReplayComparison } from "./ReplayComparison.tsx";
import { ReplayTarget } from "./ReplayTarget.tsx";
import type { RegressionForm, ReplayJob } from "./regression-state.ts";
import "./replay.css";

const POLL_MS = 500;
const KIND_LABELS = {
  route: "Route",
  intent: "Intent",
  reply: "Reply text",
  variables: "Variables",
  handoff: "Handoff",
  ended: "Ended",
} as const;

/**
 * The regression set: the flow's last N recorded conversations (by version, dates, channel and
 * outcome) replayed against the draft or a version as a job on the server, its progress polled;
 * the report counts the conversations that change by kind, each one click from its side-by-side
 * view, where it can be accepted as a simulation.
 */
export function RegressionPanel({ kit }: { kit: TestingKit }) {
  const { form, job, error, opened } = useStore(kit.regression);
  const replayApi = kit.studio.replay;
  const ids = {
    last: useId(),
    channel: useId(),
    outcome: useId(),
    from: useId(),
    to: useId(),
    recorded: useId(),
  };
  const [accepted, setAccepted] = useState<string | null>(null);
  const setForm = (change: Partial<RegressionForm>) =>
    kit.regression.set((s) => ({ ...s, form: { ...s.form, ...change } }));
  const setJob = useCallback(
    (next: ReplayJob) => kit.regression.set((s) => ({ ...s, job: next, error: null })),
    [kit],
  );

  const running = job?.status === "running";
  useEffect(() => {
    if (!running || !job) return;
    const timer = setInterval(async () => {
      const result = await replayApi.job(job.id);
      if (result.ok) setJob(result.data as ReplayJob);
      else kit.regression.set((s) => ({ ...s, error: result.error.message }));
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [running, job, replayApi, setJob, kit]);

  const start = async () => {
    const result = await replayApi.startJob({
      flow_id: kit.flowId,
      last: form.last,
      version: form.version,
      models: form.models,
      ...(form.channel ? { channel: form.channel } : {}),
      ...(form.outcome ? { outcome: form.outcome } : {}),
      ...(form.recordedVersion ? { recorded_version: Number(form.recordedVersion) } : {}),
      ...(form.from ? { from: new Date(form.from).toISOString() } : {}),
      ...(form.to ? { to: new Date(form.to).toISOString() } : {}),
    });
    if (result.ok)
      kit.regression.set((s) => ({
        ...s,
        job: result.data as ReplayJob,
        error: null,
        opened: null,
      }));
    else kit.regression.set((s) => ({ ...s, error: result.error.message }));
  };

  const open = async (sessionId: string) => {
    if (!job) return;
    setAccepted(null);
    kit.regression.set((s) => ({ ...s, opened: { sessionId, state: "loading" } }));
    const result = await replayApi.jobSession(job.id, sessionId);
    kit.regression.set((s) => ({
      ...s,
      opened: result.ok
        ? { sessionId, state: "ready", replay: result.data as ConversationReplay }
        : { sessionId, state: "failed", message: result.error.message },
    }));
  };

  const accept = async (replay: ConversationReplay) => {
    if (!job) return;
    const result = await replayApi.acceptAsSimulation(replay.sessionId, {
      name: `Replay of ${replay.chatId.slice(0, 8)} (${replay.changes.join(", ")})`,
      job_id: job.id,
    });
    setAccepted(
      result.ok ? `Saved as the simulation “${result.data.name}”.` : result.error.message,
    );
  };

  if (opened)
    return (
      <section className="testing-panel" aria-label="Replayed conversation">
        <button
          type="button"
          className="link"
          onClick={() => kit.regression.set((s) => ({ ...s, opened: null }))}
        >
          ← Report
        </button>
        {opened.state === "loading" && <Loading label="Reading the replay…" />}
        {opened.state === "failed" && <ErrorMessage>{opened.message}</ErrorMessage>}
        {opened.state === "ready" && (
          <ReplayComparison
            kit={kit}
            replay={opened.replay}
            actions={
              <>
                <button type="button" onClick={() => void accept(opened.replay)}>
                  Accept as simulation
                </button>
                {accepted && <span className="hint">{accepted}</span>}
              </>
            }
          />
        )}
      </section>
    );

  return (
    <section className="testing-panel" aria-label="Regression set">
      <form
        className="conversation-filters"
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <label htmlFor={ids.last}>Last</label>
        <input
          id={ids.last}
          type="number"
          min={1}
          max={5000}
          value={form.last}
          onChange={(event) => setForm({ last: Number(event.target.value) || 1 })}
        />
        <label htmlFor={ids.recorded}>Recorded on version</label>
        <input
          id={ids.recorded}
          value={form.recordedVersion}
          placeholder="any"
          size={4}
          onChange={(event) => setForm({ recordedVersion: event.target.value.replace(/\D/g, "") })}
        />
        <label htmlFor={ids.channel}>Channel</label>
        <select
          id={ids.channel}
          value={form.channel}
          onChange={(event) => setForm({ channel: event.target.value })}
        >
          <option value="">Any channel</option>
          <option value="web">web</option>
          <option value="whatsapp">whatsapp</option>
        </select>
        <label htmlFor={ids.outcome}>Outcome</label>
        <select
          id={ids.outcome}
          value={form.outcome}
          onChange={(event) =>
            setForm({ outcome: event.target.value as RegressionForm["outcome"] })
          }
        >
          <option value="">Any outcome</option>
          <option value="ended">Ended</option>
          <option value="handoff">Handed off</option>
          <option value="waiting">Waiting</option>
          <option value="failed">Failed</option>
        </select>
        <label htmlFor={ids.from}>From</label>
        <input
          id={ids.from}
          type="date"
          value={form.from}
          onChange={(event) => setForm({ from: event.target.value })}
        />
        <label htmlFor={ids.to}>To</label>
        <input
          id={ids.to}
          type="date"
          value={form.to}
          onChange={(event) => setForm({ to: event.target.value })}
        />
        <ReplayTarget value={form} onChange={(next) => setForm(next)} />
        <button type="submit" disabled={running}>
          Replay the last {form.last} conversations
        </button>
      </form>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      {job && (
        <JobReport
          job={job}
          onOpen={(sessionId) => void open(sessionId)}
          onCancel={async () => {
            const result = await replayApi.cancelJob(job.id);
            if (result.ok) setJob(result.data as ReplayJob);
          }}
        />
      )}
    </section>
  );
}

function JobReport({
  job,
  onOpen,
  onCancel,
}: {
  job: ReplayJob;
  onOpen: (sessionId: string) => void;
  onCancel: () => void;
}) {
  const target = job.version === null ? "the draft" : `v${job.version}`;
  return (
    <section aria-label="Replay report">
      <progress className="replay-progress" max={Math.max(job.total, 1)} value={job.replayed} />
      <p role="status">
        {job.status === "running"
          ? `Replaying against ${target}: ${job.replayed} of ${job.total}…`
          : `${job.status === "done" ? "Done" : job.status === "cancelled" ? "Cancelled" : "Failed"}: ${job.report.changed} of ${job.replayed} conversations change on ${target}.`}
        {job.error && ` ${job.error}`}
      </p>
      {job.status === "running" && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
      <dl className="replay-kinds" aria-label="Changes by kind">
        {Object.entries(KIND_LABELS).map(([kind, label]) => (
          <div key={kind} style={{ display: "contents" }}>
            <dt>{label}</dt>
            <dd>{job.report.byKind[kind as keyof typeof KIND_LABELS].length}</dd>
          </div>
        ))}
      </dl>
      <ul className="conversation-list" aria-label="Changed conversations">
        {job.changed.map((entry) => (
          <li key={entry.sessionId}>
            <button
              type="button"
              className="conversation-item"
              onClick={() => onOpen(entry.sessionId)}
            >
              <span className="conversation-title">{entry.changes.join(", ")}</span>
              <span className="hint">
                chat {entry.chatId.slice(0, 8)}
                {entry.firstDivergence &&
                  ` · turn ${entry.firstDivergence.turn + 1}${entry.firstDivergence.nodeId ? ` at ${entry.firstDivergence.nodeId}` : ""}`}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
