import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { AIMessage, BaseMessage } from "@langchain/core/messages";
import type { Handoff, IntentResult, ModelCall } from "../state.ts";

export interface QuickReplyButton {
  id: string;
  title: string;
}

/** A message the user sees: from the bot, or from a human agent during a handoff. */
export interface Reply {
  nodeId: string;
  text: string;
  author: "bot" | "agent";
  quickReplies?: QuickReplyButton[];
  citations?: string[];
}

/** What happens during a turn, in order, for streaming to a client or a trace. */
export type TurnEvent =
  | {
      type: "node_start";
      nodeId: string;
      nodeType: string;
      /** The variables and intent the node starts from, when the turn asked (`nodeState`). */
      state?: { vars: Record<string, unknown>; intent: IntentResult | null };
    }
  | {
      type: "node_end";
      nodeId: string;
      nodeType: string;
      durationMs: number;
      route: string | null;
      /** The state values this node changed. */
      update: Record<string, unknown>;
    }
  | { type: "token"; nodeId: string; delta: string }
  | ({ type: "reply" } & Reply)
  | {
      type: "model_call";
      call: ModelCall;
      /** A chat model's request and answer, for a trace (references: nothing is copied). */
      exchange?: ModelExchange;
    }
  | { type: "handoff"; handoff: Handoff }
  | { type: "error"; nodeId: string; code: string; message: string };

/** What a chat model call sent and got back, as the client saw it. */
export interface ModelExchange {
  /** The client, which names itself and its parameters. */
  chat: BaseChatModel;
  /** The messages sent, after the history was fitted to the context. */
  prompt: BaseMessage[];
  /** The answer; absent when the attempt failed. */
  answer?: AIMessage;
}

/** What a caller sends to a conversation: the user's message, or a human agent's action. */
export type TurnInput =
  | { kind: "user"; text: string }
  | { kind: "agent"; text: string }
  | { kind: "handback" }
  | { kind: "close" };

/** Where the conversation stands after a turn. */
export type TurnStatus = "waiting" | "handoff" | "ended" | "failed";

export interface TurnResult {
  threadId: string;
  status: TurnStatus;
  replies: Reply[];
  visited: string[];
  intent: IntentResult | null;
  vars: Record<string, unknown>;
  handoff: Handoff | null;
  calls: ModelCall[];
  errors: { nodeId: string; code: string; message: string }[];
  durationMs: number;
}
