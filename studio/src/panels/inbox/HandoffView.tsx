import { type FormEvent, useId, useState } from "react";
import { describeApiError } from "../../api/api-result.ts";
import type { TranscriptMessage } from "../../runs/conversation-transcript.ts";
import { formatTime } from "../../runs/format.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { ErrorMessage } from "../../ui/Status.tsx";
import type { TestingKit } from "../testing/testing-kit.ts";
import { useStore } from "../testing/use-store.ts";
import type { HandoffItem } from "./inbox-state.ts";

const ROLE = { user: "User", assistant: "Bot", agent: "Agent", system: "System" } as const;

/** One escalation: why, the transcript, and the agent's reply, hand-back and close. */
export function HandoffView({
  kit,
  handoff,
  messages,
  onReload,
  onDone,
}: {
  kit: TestingKit;
  handoff: HandoffItem;
  messages: TranscriptMessage[];
  onReload: () => void;
  onDone: (notice: string) => void;
}) {
  const replyId = useId();
  const agentId = useId();
  const { agent } = useStore(kit.inbox);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [closing, setClosing] = useState(false);

  async function reply(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    const result = await kit.api.replyToHandoff(handoff.id, text.trim(), agent.trim() || undefined);
    setBusy(false);
    if (!result.ok) return setError(describeApiError(result.error));
    setText("");
    setError(undefined);
    onReload();
  }

  async function finish(action: "handback" | "close") {
    setBusy(true);
    const result =
      action === "handback"
        ? await kit.api.handBack(handoff.id)
        : await kit.api.closeHandoff(handoff.id);
    setBusy(false);
    if (!result.ok) return setError(describeApiError(result.error));
    const said = result.data.replies.map((r) => r.content).join(" ");
    const what =
      action === "handback" ? "The bot has the conversation again." : "The conversation is closed.";
    onDone(said ? `${what} It told the user: “${said}”` : what);
  }

  return (
    <div className="handoff-view">
      <h2>Handoff</h2>
      <p>
        <strong>Reason:</strong> {handoff.reason || "none given"}
      </p>
      <p className="hint">
        Opened {formatTime(handoff.openedAt)} ·{" "}
        {handoff.status === "answered" ? "answered" : "waiting"} · chat {handoff.chatId}
      </p>
      <ol className="transcript" aria-label="Transcript">
        {messages.map((message) => (
          <li key={message.messageId} className={`bubble bubble-${message.role}`}>
            <span className="bubble-role">{ROLE[message.role]}</span>
            {message.content}
          </li>
        ))}
      </ol>
      <form className="form handoff-reply" onSubmit={(event) => void reply(event)}>
        <label htmlFor={replyId}>Reply to the user</label>
        <textarea
          id={replyId}
          rows={3}
          value={text}
          maxLength={10_000}
          onChange={(event) => setText(event.target.value)}
        />
        <label htmlFor={agentId}>Your name (shown to the user)</label>
        <input
          id={agentId}
          value={agent}
          placeholder="agent"
          maxLength={120}
          onChange={(event) => kit.inbox.set((s) => ({ ...s, agent: event.target.value }))}
        />
        <div className="button-row">
          <button type="submit" className="primary" disabled={busy || !text.trim()}>
            Send reply
          </button>
          <button type="button" disabled={busy} onClick={() => void finish("handback")}>
            Hand back to the bot
          </button>
          <button type="button" className="danger" disabled={busy} onClick={() => setClosing(true)}>
            Close
          </button>
        </div>
      </form>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      <ConfirmDialog
        open={closing}
        title="Close the conversation"
        message="Close this handoff and end the conversation? The flow says goodbye to the user."
        confirmLabel="Close it"
        danger
        onCancel={() => setClosing(false)}
        onConfirm={() => {
          setClosing(false);
          void finish("close");
        }}
      />
    </div>
  );
}
