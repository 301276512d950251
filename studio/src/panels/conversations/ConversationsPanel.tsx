import { useCallback, useEffect, useId, useState } from "react";
import { describeFigureLink } from "../../analytics/figure-link.ts";
import { groupTranscript } from "../../runs/conversation-transcript.ts";
import { formatTime } from "../../runs/format.ts";
import { ErrorMessage, Loading } from "../../ui/Status.tsx";
import { SessionReplay } from "../replay/SessionReplay.tsx";
import type { TestingKit } from "../testing/testing-kit.ts";
import { useStore } from "../testing/use-store.ts";
import type { ConversationItem } from "./conversations-state.ts";
import { TranscriptView } from "./TranscriptView.tsx";

const CHANNELS = ["web", "whatsapp"];

/**
 * Every user's chats by channel, user and flow; one opens as its transcript, turn by turn, each
 * turn's path shown on the canvas and in the timeline.
 */
export function ConversationsPanel({ kit }: { kit: TestingKit }) {
  const { filter, listing, opened } = useStore(kit.conversations);
  const channelId = useId();
  const userId = useId();
  const flowId = useId();
  const [userText, setUserText] = useState(filter.userId);

  const load = useCallback(async () => {
    const { filter: current } = kit.conversations.getState();
    kit.conversations.set((s) => ({ ...s, listing: { state: "loading" } }));
    const result = await kit.api.listConversations({
      channel: current.channel || undefined,
      userId: current.userId.trim() || undefined,
      flowId: current.flow === "this" ? kit.flowId : undefined,
      figure: current.figure ?? undefined,
    });
    kit.conversations.set((s) => ({
      ...s,
      listing: result.ok
        ? { state: "ready", conversations: result.data }
        : { state: "failed", message: result.error.message },
    }));
  }, [kit]);

  useEffect(() => {
    if (kit.conversations.getState().listing.state === "idle") void load();
  }, [kit, load]);

  const setFilter = (change: Partial<typeof filter>) => {
    kit.conversations.set((s) => ({ ...s, filter: { ...s.filter, ...change } }));
    void load();
  };

  const open = async (conversation: ConversationItem) => {
    kit.conversations.set((s) => ({ ...s, opened: { conversation, state: "loading" } }));
    const [messages, runs] = await Promise.all([
      kit.api.listMessages(conversation.id),
      kit.api.listRuns(conversation.id),
    ]);
    const failed = !messages.ok ? messages.error : !runs.ok ? runs.error : undefined;
    kit.conversations.set((s) => ({
      ...s,
      opened:
        failed || !messages.ok || !runs.ok
          ? { conversation, state: "failed", message: failed?.message ?? "" }
          : { conversation, state: "ready", turns: groupTranscript(messages.data, runs.data) },
    }));
  };

  if (opened)
    return (
      <section className="testing-panel" aria-label="Conversation">
        <button
          type="button"
          className="link"
          onClick={() => kit.conversations.set((s) => ({ ...s, opened: null }))}
        >
          ← All conversations
        </button>
        <ConversationHeading conversation={opened.conversation} />
        {opened.state === "loading" && <Loading label="Reading the conversation…" />}
        {opened.state === "failed" && (
          <ErrorMessage onRetry={() => void open(opened.conversation)}>
            {opened.message}
          </ErrorMessage>
        )}
        {opened.state === "ready" && (
          <>
            <SessionReplay kit={kit} chatId={opened.conversation.id} />
            <TranscriptView kit={kit} conversation={opened.conversation} turns={opened.turns} />
          </>
        )}
      </section>
    );

  return (
    <section className="testing-panel" aria-label="Conversations">
      <form
        className="conversation-filters"
        onSubmit={(event) => {
          event.preventDefault();
          setFilter({ userId: userText });
        }}
      >
        <label htmlFor={flowId}>Flow</label>
        <select
          id={flowId}
          value={filter.flow}
          onChange={(event) => setFilter({ flow: event.target.value as "this" | "any" })}
        >
          <option value="this">This flow</option>
          <option value="any">Any flow</option>
        </select>
        <label htmlFor={channelId}>Channel</label>
        <select
          id={channelId}
          value={filter.channel}
          onChange={(event) => setFilter({ channel: event.target.value })}
        >
          <option value="">Any channel</option>
          {CHANNELS.map((channel) => (
            <option key={channel} value={channel}>
              {channel}
            </option>
          ))}
        </select>
        <label htmlFor={userId}>User</label>
        <input
          id={userId}
          value={userText}
          placeholder="Any user"
          onChange={(event) => setUserText(event.target.value)}
        />
        <button type="submit">Search</button>
      </form>
      {filter.figure && (
        <p className="figure-filter" role="status">
          Behind the figure: {describeFigureLink(filter.figure)}{" "}
          <button type="button" className="link" onClick={() => setFilter({ figure: null })}>
            Show all
          </button>
        </p>
      )}
      {listing.state === "loading" && <Loading label="Reading the conversations…" />}
      {listing.state === "failed" && (
        <ErrorMessage onRetry={() => void load()}>{listing.message}</ErrorMessage>
      )}
      {listing.state === "ready" && listing.conversations.length === 0 && (
        <p className="empty">No conversations match.</p>
      )}
      {listing.state === "ready" && listing.conversations.length > 0 && (
        <ul className="conversation-list" aria-label="Conversations found">
          {listing.conversations.map((conversation) => (
            <li key={conversation.id}>
              <button
                type="button"
                className="conversation-item"
                onClick={() => void open(conversation)}
              >
                <span className="conversation-title">
                  {conversation.title || conversation.preview || "(no messages)"}
                </span>
                <span className="hint">
                  {conversation.userId} · {conversation.channel}
                  {conversation.flowId &&
                    ` · ${conversation.flowId}${conversation.flowVersion === null ? "" : ` v${conversation.flowVersion}`}`}{" "}
                  · {formatTime(conversation.updatedAt)}
                </span>
                {conversation.handoffOpen && <span className="badge">handoff</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {listing.state === "ready" && (
        <button type="button" onClick={() => void load()}>
          Refresh
        </button>
      )}
    </section>
  );
}

function ConversationHeading({ conversation }: { conversation: ConversationItem }) {
  return (
    <div className="conversation-heading">
      <h2>{conversation.title || "Conversation"}</h2>
      <p className="hint">
        {conversation.userId} · {conversation.channel}
        {conversation.flowId && ` · ${conversation.flowId}`}
        {conversation.flowVersion !== null && ` v${conversation.flowVersion}`}
      </p>
    </div>
  );
}
