import type { BaseMessage } from "@langchain/core/messages";
import { Annotation, messagesStateReducer } from "@langchain/langgraph";

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
  inputTokens?: number;
  outputTokens?: number;
  error?: string;
}

const merge = <T extends object>(left: T, right: T | undefined): T => (right ? { ...left, ...right } : left);
const replace = <T>(_: T, right: T) => right;

/**
 * The state of a conversation thread: the messages, the flow's declared variables (in
 * `vars`), and the bookkeeping the engine keeps between turns.
 */
export const FlowState = Annotation.Root({
  messages: Annotation<BaseMessage[]>({ reducer: messagesStateReducer, default: () => [] }),
  vars: Annotation<Record<string, unknown>>({ reducer: merge, default: () => ({}) }),
  intent: Annotation<IntentResult | null>({ reducer: replace, default: () => null }),
  /** Node ids visited, most recent last (bounded). */
  visited: Annotation<string[]>({
    reducer: (left, right) => (right.length ? [...left, ...right].slice(-200) : left),
    default: () => [],
  }),
  handoff: Annotation<Handoff | null>({ reducer: replace, default: () => null }),
  /** True once the bot answered the latest user message: nodes that read it then wait for the next. */
  replied: Annotation<boolean>({ reducer: replace, default: () => false }),
  /** The branch the last node took, read by the conditional edges. */
  route: Annotation<string | null>({ reducer: replace, default: () => null }),
  /** Per-node progress that must survive between turns (e.g. which slot a sales node asked for). */
  progress: Annotation<Record<string, unknown>>({ reducer: merge, default: () => ({}) }),
});

export type FlowStateValue = typeof FlowState.State;
export type FlowStateUpdate = typeof FlowState.Update;
