import type { BaseMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { KnowledgeIndex } from "../knowledge/knowledge-base.ts";
import type { ModelRegistry } from "../models/model-registry.ts";
import type { IntentModels } from "../nlu/intent-models.ts";
import type { Flow, FlowNode } from "../schema/flow.ts";
import type { Bookkeeping, FlowStateValue } from "../state.ts";
import type { Language } from "../text/language/language.ts";
import type { TurnEvent } from "../turn/turn-event.ts";
import type { HttpPolicy } from "./http/http-policy.ts";

/** The route a node returns to run itself again (it then waits for the user or a human). */
export const STAY = "__stay__";

/** What the compiler hands every node compiler. */
export interface CompileContext {
  flow: Flow;
  models: ModelRegistry;
  knowledge: ReadonlyMap<string, KnowledgeIndex>;
  fetch: typeof fetch;
  /** Where http nodes may call, and how much they read. */
  http: HttpPolicy;
  intentModels: IntentModels;
}

/** What a node sees while it runs. */
export interface RunContext {
  node: FlowNode;
  config: LangGraphRunnableConfig;
  emit: (event: TurnEvent) => void;
  /** The flow's variables plus `intent`, `last_message`, `handoff` and `language`, for templates and expressions. */
  scope: Record<string, unknown>;
  /** The user's latest message. */
  userText: string;
  /** The language of the user's latest message (see `messageLanguage`). */
  language: Language;
}

/** A node's state update plus the branch it takes (null: its single plain edge). */
export type NodeResult = Partial<
  Pick<Bookkeeping, "intent" | "handoff" | "replied" | "progress" | "language">
> & {
  messages?: BaseMessage[];
  vars?: Record<string, unknown>;
  route?: string | null;
};

export type NodeRun = (state: FlowStateValue, run: RunContext) => Promise<NodeResult>;

/** Turns one node of a flow into the function LangGraph runs; trains or indexes what it needs once. */
export type NodeCompiler<N extends FlowNode> = (node: N, context: CompileContext) => NodeRun;

/** A node type's implementation. */
export interface NodeImplementation<N extends FlowNode> {
  compile: NodeCompiler<N>;
  /**
   * Whether the node needs an unanswered user message in this state: if so and the bot already
   * answered the latest one, the node waits for the next message before it runs.
   */
  needsUserMessage: (state: FlowStateValue, node: N) => boolean;
}
