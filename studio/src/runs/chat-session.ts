import type { Reply, TurnInput } from "@switchboard/engine";
import type { StateSnapshot, TestTurnEvent } from "./test-turn-events.ts";
import { applyTurnEvent, startTimeline, type TurnTimeline } from "./turn-timeline.ts";

/** Which version of the flow a chat runs: a number, `draft`, `published` or `latest`. */
/** A button a reply offers; pressing it sends its title. */
export type QuickReply = NonNullable<Reply["quickReplies"]>[number];

export type ChatVersion = number | "draft" | "published" | "latest";

export interface ChatTurn {
  /** 1, 2, 3… within the chat. */
  number: number;
  timeline: TurnTimeline;
}

/** A test conversation with one version of a flow, on its own named thread. */
export interface ChatSession {
  flowId: string;
  version: ChatVersion;
  /** The runtime keeps the conversation's state under this id between turns. */
  threadId: string;
  turns: ChatTurn[];
}

/** Where the conversation stands, which decides what can be sent next. */
export type ChatStatus = "new" | "running" | "waiting" | "handoff" | "ended" | "failed";

/** A conversation with no turns yet, on a fresh thread. */
export function newChatSession(flowId: string, version: ChatVersion = "draft"): ChatSession {
  return { flowId, version, threadId: `chat-${crypto.randomUUID()}`, turns: [] };
}

/** The session with a new turn for `input`, starting from the state the last turn left. */
export function beginTurn(session: ChatSession, input: TurnInput): ChatSession {
  const turn: ChatTurn = {
    number: session.turns.length + 1,
    timeline: startTimeline(input, lastState(session)),
  };
  return { ...session, turns: [...session.turns, turn] };
}

/** The session after an event of its latest turn. */
export function applyToLatestTurn(session: ChatSession, event: TestTurnEvent): ChatSession {
  const latest = session.turns.at(-1);
  if (!latest) return session;
  const turn = { ...latest, timeline: applyTurnEvent(latest.timeline, event) };
  return { ...session, turns: [...session.turns.slice(0, -1), turn] };
}

/** The state after the last node that ran, to show as the next turn's starting state. */
function lastState(session: ChatSession): StateSnapshot | undefined {
  for (const turn of [...session.turns].reverse()) {
    const output = turn.timeline.steps.findLast((step) => step.output)?.output;
    if (output) return output;
  }
  return undefined;
}

export function chatStatus(session: ChatSession): ChatStatus {
  const latest = session.turns.at(-1)?.timeline;
  if (!latest) return "new";
  if (latest.status === "running") return "running";
  if (latest.status === "failed") return "failed";
  // A refused agent action (no handoff open) fails the turn but leaves the conversation as it was.
  return latest.result?.status ?? "waiting";
}

/** What may be sent now: a user message, or, while a handoff is open, a human agent's actions. */
export function allowedInputs(status: ChatStatus): TurnInput["kind"][] {
  switch (status) {
    case "new":
    case "waiting":
    case "failed":
      return ["user"];
    case "handoff":
      return ["user", "agent", "handback", "close"];
    case "running":
    case "ended":
      return [];
  }
}

/** The buttons the last reply offers, while the conversation waits for the user. */
export function offeredQuickReplies(session: ChatSession): QuickReply[] {
  if (chatStatus(session) !== "waiting") return [];
  const replies = session.turns.at(-1)?.timeline.replies ?? [];
  return replies.findLast((reply) => reply.quickReplies?.length)?.quickReplies ?? [];
}
