import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import type { CannedReply, HandoffContext, InboxItem, Me, StaffApi } from "../api/staff-api.ts";
import { ErrorMessage } from "../ui/Status.tsx";
import { CustomerContext } from "./CustomerContext.tsx";
import { staffAction } from "./staff-action.ts";

/**
 * The agents' inbox: open handoffs across every flow and channel, live over the server's
 * events; claim, reply, hand back or close; unread counts; an optional browser notification and
 * sound for a new handoff.
 */
export function InboxScreen({ staff, me }: { staff: StaffApi; me: Me }) {
  const [items, setItems] = useState<InboxItem[]>([]);
  const [selected, setSelected] = useState<string>();
  const [context, setContext] = useState<HandoffContext>();
  const [error, setError] = useState<string>();
  const [draft, setDraft] = useState("");
  const [customerTyping, setCustomerTyping] = useState<string>();
  const [alerts, setAlerts] = useState(false);
  const [agents, setAgents] = useState<{ id: string; name: string }[]>([]);
  const [canned, setCanned] = useState<CannedReply[]>([]);
  const alertsRef = useRef(alerts);
  alertsRef.current = alerts;
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const canAct = me.user.role === "admin" || me.user.role === "agent";
  // The customer sees "typing…" from one call every few seconds, not one per key.
  const typingSentAt = useRef(0);

  const reload = useCallback(async () => {
    try {
      setItems(await staff.inbox());
      const id = selectedRef.current;
      if (id) setContext(await staff.context(id).catch(() => undefined));
    } catch (failure) {
      setError((failure as Error).message);
    }
  }, [staff]);

  useEffect(() => {
    staff.agents().then(setAgents, () => {});
  }, [staff]);

  useEffect(() => {
    void reload();
    const controller = new AbortController();
    void staff
      .followInbox((notice) => {
        if (notice.type === "customer_typing") {
          setCustomerTyping(notice.chatId);
          setTimeout(() => setCustomerTyping(undefined), 4000);
          return;
        }
        if (notice.type === "handoff_opened" && alertsRef.current) announce();
        void reload();
      }, controller.signal)
      .catch(() => {});
    return () => controller.abort();
  }, [staff, reload]);

  const open = async (id: string) => {
    setSelected(id);
    selectedRef.current = id;
    setError(undefined);
    // Read afresh with each conversation: an editor may have changed the team's replies.
    staff.cannedReplies().then(setCanned, () => {});
    try {
      setContext(await staff.context(id));
      if (canAct) await staff.read(id);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };

  const act = staffAction(reload, setError);

  const send = (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text || !selected) return;
    setDraft("");
    void act(() => staff.reply(selected, text));
  };

  const enableAlerts = async (on: boolean) => {
    if (on && "Notification" in window && Notification.permission === "default")
      await Notification.requestPermission();
    setAlerts(on);
  };

  return (
    <main className="staff-screen inbox-screen">
      <h1>Inbox</h1>
      <label className="inbox-alerts">
        <input
          type="checkbox"
          checked={alerts}
          onChange={(event) => void enableAlerts(event.target.checked)}
        />
        Notify me of new handoffs (sound and browser notification)
      </label>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      <div className="inbox-columns">
        <ul className="inbox-list" aria-label="Open handoffs">
          {items.length === 0 && <li className="muted">No one is waiting.</li>}
          {items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className={item.id === selected ? "selected" : undefined}
                onClick={() => void open(item.id)}
              >
                <strong>{item.userId}</strong> · {item.channel} · {item.flowId ?? "?"}
                {item.unread > 0 && (
                  <span className="unread" title="unread">
                    {item.unread} unread
                  </span>
                )}
                <br />
                <span className="muted">
                  {item.assigneeName ? `with ${item.assigneeName}` : "unassigned"} · {item.preview}
                </span>
              </button>
            </li>
          ))}
        </ul>
        {context && (
          <section className="inbox-conversation" aria-label="Conversation">
            <CustomerContext context={context} />
            <ol className="inbox-transcript">
              {context.messages.map((message) => (
                <li key={message.messageId} className={`message ${message.role}`}>
                  <span className="author">
                    {message.role === "agent" ? (message.agent ?? "Agent") : message.role}
                  </span>{" "}
                  {message.content}
                </li>
              ))}
            </ol>
            {customerTyping === context.chatId && <p className="muted">The customer is typing…</p>}
            {canAct && (
              <>
                <div className="inbox-actions">
                  {context.assigneeId !== me.user.id && (
                    <button type="button" onClick={() => void act(() => staff.claim(context.id))}>
                      Claim
                    </button>
                  )}
                  <select
                    aria-label="Transfer to"
                    value=""
                    onChange={(event) => {
                      const userId = event.target.value;
                      if (userId) void act(() => staff.assign(context.id, userId));
                    }}
                  >
                    <option value="">Transfer to…</option>
                    {agents
                      .filter((one) => one.id !== context.assigneeId)
                      .map((one) => (
                        <option key={one.id} value={one.id}>
                          {one.name}
                        </option>
                      ))}
                  </select>
                  <button type="button" onClick={() => void act(() => staff.handBack(context.id))}>
                    Hand back
                  </button>
                  <button type="button" onClick={() => void act(() => staff.close(context.id))}>
                    Close
                  </button>
                </div>
                <div className="canned-replies">
                  {canned.map((reply) => (
                    <button key={reply.id} type="button" onClick={() => setDraft(reply.text)}>
                      {reply.text}
                    </button>
                  ))}
                </div>
                <form className="inbox-reply" onSubmit={send}>
                  <label htmlFor="inbox-reply">Reply</label>
                  <textarea
                    id="inbox-reply"
                    value={draft}
                    onChange={(event) => {
                      setDraft(event.target.value);
                      if (Date.now() - typingSentAt.current < 3000) return;
                      typingSentAt.current = Date.now();
                      void staff.typing(context.id).catch(() => {});
                    }}
                  />
                  <button type="submit" className="primary">
                    Send
                  </button>
                </form>
              </>
            )}
          </section>
        )}
      </div>
    </main>
  );
}

/** A short tone and, when allowed, a browser notification. */
function announce() {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    tone.connect(audio.destination);
    tone.frequency.value = 880;
    tone.start();
    tone.stop(audio.currentTime + 0.15);
  } catch {
    // No audio: the notification still shows.
  }
  if ("Notification" in window && Notification.permission === "granted")
    new Notification("Switchboard", { body: "A customer is waiting for a person." });
}
