import type { BaseMessage } from "@langchain/core/messages";
import { Annotation, messagesStateReducer } from "@langchain/langgraph";
import type { Language } from "./text/language/language.ts";

/** The classified intent of the user's latest message. */
export interface IntentResult {
  name: string;
  confidence: number;
}

export type HandoffStatus = "open" | "resolved" | "closed";

/** A conversation handed to a human agent by an `escalate` node. */
export interface Handoff {
  status: HandoffStatus;
  nodeId: string;
  queue: string;
  reason: string;
  summary: string;
  openedAt: string;
  updatedAt: string;
}

/** A model call made during a turn: which model answered, how long it took, what it cost. */
export interface ModelCall {
  nodeId: string;
  model: string;
  provider: string;
  latencyMs: number;
  /** Which attempt on this model it was, from 1; retries and fallbacks are separate calls. */
  attempt?: number;
  /** When a streamed answer's first token arrived, from the start of the call. */
  firstTokenMs?: number;
  inputTokens?: number;
  outputTokens?: number;
  error?: string;
  /** The HTTP status of a failed call, when the server answered. */
  status?: number;
}

/** What the engine keeps about a conversation besides its messages and variables. */
export interface Bookkeeping {
  /** The classified intent of the user's latest message. */
  intent: IntentResult | null;
  /** Node ids visited, most recent last (bounded). */
  visited: string[];
  handoff: Handoff | null;
  /** True once the bot answered the latest user message: nodes that read it then wait for the next. */
  replied: boolean;
  /** The branch the last node took, read by the conditional edges. */
  route: string | null;
  /** Per-node progress that must survive between turns (e.g. which slot a sales node asked for). */
  progress: Record<string, unknown>;
  /**
   * The language of the user's latest message: the flow's, or in an `auto` flow the one detected
   * (kept from the message before when a message is too short to tell, such as "8" or "ok").
   */
  language?: Language;
}

const emptyBookkeeping = (): Bookkeeping => ({
  intent: null,
  visited: [],
  handoff: null,
  replied: false,
  route: null,
  progress: {},
});

/** Replaces the fields an update names; appends to `visited` and merges `progress`. */
function updateBookkeeping(left: Bookkeeping, right: Partial<Bookkeeping>): Bookkeeping {
  return {
    ...left,
    ...right,
    visited: right.visited ? [...left.visited, ...right.visited].slice(-200) : left.visited,
    progress: right.progress ? { ...left.progress, ...right.progress } : left.progress,
  };
}

/**
 * The state of a conversation thread: the messages, the flow's declared variables (in `vars`)
 * and the engine's bookkeeping. Three channels only, because LangGraph node names share one
 * namespace with channels and flow authors name nodes freely.
 */
export const FlowState = Annotation.Root({
  messages: Annotation<BaseMessage[]>({ reducer: messagesStateReducer, default: () => [] }),
  vars: Annotation<Record<string, unknown>>({
    reducer: (left, right) => (right ? { ...left, ...right } : left),
    default: () => ({}),
  }),
  bookkeeping: Annotation<Bookkeeping, Partial<Bookkeeping>>({
    reducer: updateBookkeeping,
    default: emptyBookkeeping,
  }),
});

export type FlowStateValue = typeof FlowState.State;
export type FlowStateUpdate = typeof FlowState.Update;
