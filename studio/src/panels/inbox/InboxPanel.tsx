import { useCallback, useEffect } from "react";
import { formatTime } from "../../runs/format.ts";
import { ErrorMessage, Loading } from "../../ui/Status.tsx";
import type { TestingKit } from "../testing/testing-kit.ts";
import { useStore } from "../testing/use-store.ts";
import { HandoffView } from "./HandoffView.tsx";
import type { HandoffItem } from "./inbox-state.ts";

const REFRESH_MS = 15_000;

/**
 * The human agents' inbox: open escalations, oldest first, each with its reason and transcript;
 * an agent replies (delivered to the user's channel), hands back to the bot, or closes.
 */
export function InboxPanel({ kit }: { kit: TestingKit }) {
  const { listing, opened, notice } = useStore(kit.inbox);

  /** Reads the open handoffs; a quiet reload keeps the list shown meanwhile. */
  const load = useCallback(
    async (quiet = false) => {
      if (!quiet || kit.inbox.getState().listing.state !== "ready")
        kit.inbox.set((s) => ({ ...s, listing: { state: "loading" } }));
      const result = await kit.api.listHandoffs();
      kit.inbox.set((s) => ({
        ...s,
        listing: result.ok
          ? { state: "ready", handoffs: result.data }
          : { state: "failed", message: result.error.message },
      }));
    },
    [kit],
  );

  // New escalations show up on their own while the inbox is open.
  useEffect(() => {
    void load();
    const timer = setInterval(() => {
      if (!kit.inbox.getState().opened) void load(true);
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [kit, load]);

  const open = useCallback(
    async (handoff: HandoffItem) => {
      kit.inbox.set((s) => ({ ...s, notice: undefined, opened: { handoff, state: "loading" } }));
      const messages = await kit.api.listMessages(handoff.chatId);
      kit.inbox.set((s) => ({
        ...s,
        opened: messages.ok
          ? { handoff, state: "ready", messages: messages.data }
          : { handoff, state: "failed", message: messages.error.message },
      }));
    },
    [kit],
  );

  if (opened)
    return (
      <section className="testing-panel" aria-label="Handoff">
        <button
          type="button"
          className="link"
          onClick={() => kit.inbox.set((s) => ({ ...s, opened: null }))}
        >
          ← Inbox
        </button>
        {opened.state === "loading" && <Loading label="Reading the conversation…" />}
        {opened.state === "failed" && (
          <ErrorMessage onRetry={() => void open(opened.handoff)}>{opened.message}</ErrorMessage>
        )}
        {opened.state === "ready" && (
          <HandoffView
            kit={kit}
            handoff={opened.handoff}
            messages={opened.messages}
            onReload={() => void open(opened.handoff)}
            onDone={(message) => {
              kit.inbox.set((s) => ({ ...s, opened: null, notice: message }));
              void load();
            }}
          />
        )}
      </section>
    );

  return (
    <section className="testing-panel" aria-label="Handoff inbox">
      <div className="panel-toolbar">
        <h2>Open handoffs</h2>
        <button type="button" onClick={() => void load()} disabled={listing.state === "loading"}>
          Refresh
        </button>
      </div>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {listing.state === "loading" && <Loading label="Reading the inbox…" />}
      {listing.state === "failed" && (
        <ErrorMessage onRetry={() => void load()}>{listing.message}</ErrorMessage>
      )}
      {listing.state === "ready" && listing.handoffs.length === 0 && (
        <p className="empty">No conversation is waiting for a person.</p>
      )}
      {listing.state === "ready" && listing.handoffs.length > 0 && (
        <ul className="conversation-list" aria-label="Open handoffs">
          {listing.handoffs.map((handoff) => (
            <li key={handoff.id}>
              <button
                type="button"
                className="conversation-item"
                onClick={() => void open(handoff)}
              >
                <span className="conversation-title">{handoff.reason || "No reason given"}</span>
                <span className="hint">
                  {handoff.status === "answered" ? "Answered" : "Waiting"} since{" "}
                  {formatTime(handoff.answeredAt ?? handoff.openedAt)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
