import type { TurnInput } from "@switchboard/engine";
import { type FormEvent, useId, useState } from "react";
import {
  allowedInputs,
  type ChatSession,
  type ChatStatus,
  offeredQuickReplies,
} from "../../runs/chat-session.ts";
import type { TestingKit } from "../testing/testing-kit.ts";

/**
 * What can be sent next: a message (or a quick reply); while the flow has handed the
 * conversation to a human, also the agent's message, hand-back and close, as in the inbox.
 */
export function ChatComposer({
  kit,
  session,
  status,
}: {
  kit: TestingKit;
  session: ChatSession;
  status: ChatStatus;
}) {
  const id = useId();
  const [text, setText] = useState("");
  const [asAgent, setAsAgent] = useState(false);
  const allowed = allowedInputs(status);
  const quickReplies = offeredQuickReplies(session);
  const send = (input: TurnInput) => void kit.chat.send(input);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const message = text.trim();
    if (!message) return;
    const kind = asAgent && allowed.includes("agent") ? "agent" : "user";
    if (!allowed.includes(kind)) return;
    setText("");
    send({ kind, text: message });
  };

  if (status === "ended")
    return (
      <div className="chat-composer">
        <button type="button" className="primary" onClick={() => kit.chat.restart()}>
          Start a new conversation
        </button>
      </div>
    );

  return (
    <div className="chat-composer">
      {quickReplies.length > 0 && (
        <fieldset className="quick-replies">
          <legend className="visually-hidden">Quick replies</legend>
          {quickReplies.map((reply) => (
            <button
              key={reply.id}
              type="button"
              onClick={() => send({ kind: "user", text: reply.title })}
            >
              {reply.title}
            </button>
          ))}
        </fieldset>
      )}
      {status === "handoff" && (
        <fieldset className="agent-actions">
          <legend>A human agent has the conversation</legend>
          <label className="field-checkbox">
            <input
              type="checkbox"
              checked={asAgent}
              onChange={(event) => setAsAgent(event.target.checked)}
            />
            Send as the agent
          </label>
          <button type="button" onClick={() => send({ kind: "handback" })}>
            Hand back to the bot
          </button>
          <button type="button" className="danger" onClick={() => send({ kind: "close" })}>
            Close the conversation
          </button>
        </fieldset>
      )}
      <form className="chat-form" onSubmit={submit}>
        <label htmlFor={id} className="visually-hidden">
          {asAgent && status === "handoff" ? "Message as the agent" : "Message"}
        </label>
        <input
          id={id}
          value={text}
          autoComplete="off"
          placeholder={asAgent && status === "handoff" ? "Reply as the agent…" : "Type a message…"}
          onChange={(event) => setText(event.target.value)}
          maxLength={10_000}
        />
        <button type="submit" className="primary" disabled={allowed.length === 0 || !text.trim()}>
          Send
        </button>
      </form>
    </div>
  );
}
