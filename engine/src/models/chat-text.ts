import type { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import type { BaseChatModelCallOptions } from "@langchain/core/language_models/chat_models";
import { AIMessage, type AIMessageChunk, type BaseMessage } from "@langchain/core/messages";
import { MODEL_CALLBACKS } from "../configurable-keys.ts";
import type { RunContext } from "../nodes/node-runner.ts";
import type { ChatCall } from "./call-model.ts";
import { fitContext } from "./fit-context.ts";
import { TokenHandler } from "./token-handler.ts";

export interface ChatOptions {
  /** Stream tokens to the caller as `token` events. */
  stream: boolean;
}

export function textOf(chunk: AIMessageChunk | AIMessage): string {
  return typeof chunk.content === "string"
    ? chunk.content
    : chunk.content
        .map((part) => ("text" in part && typeof part.text === "string" ? part.text : ""))
        .join("");
}

/**
 * The options of one client call: the node's LangGraph config (its metadata names the node),
 * the turn's model callbacks (tracing) and `handlers` of the call's own, and the attempt's
 * signal. Passed per call rather than bound with `withConfig`, which makes ChatOpenAI build a
 * new client every time.
 */
export function callOptions(
  call: ChatCall,
  run: RunContext,
  handlers: BaseCallbackHandler[] = [],
): Partial<BaseChatModelCallOptions> {
  const turnCallbacks = run.config.configurable?.[MODEL_CALLBACKS] as
    | BaseCallbackHandler[]
    | undefined;
  const callbacks = [...(turnCallbacks ?? []), ...handlers];
  // The node's run name would name the call after the node; the call is the model's.
  const { runName: _node, ...config } = run.config;
  return {
    ...config,
    ...(callbacks.length > 0 ? { callbacks } : {}),
    signal: call.signal,
    metadata: { ...config.metadata, nodeId: run.node.id },
  };
}

/**
 * Calls a chat model and returns its whole answer, streaming the tokens as they come. The
 * oldest history is left out when the prompt would not fit the model's context.
 *
 * @example
 * chat: (call) => chatText(call, [new SystemMessage(system), ...history], run, { stream: true })
 */
export async function chatText(
  call: ChatCall,
  messages: BaseMessage[],
  run: RunContext,
  options: ChatOptions,
): Promise<{ value: string; message: AIMessage }> {
  const prompt = fitContext(messages, call.contextBudget);
  call.prompt = prompt;
  if (!options.stream) {
    const message = (await call.chat.invoke(prompt, callOptions(call, run))) as AIMessage;
    return { value: textOf(message), message };
  }
  const tokens = new TokenHandler((delta) => {
    // An attempt past its deadline may still be draining: its tokens must not reach the user.
    if (delta && !call.signal.aborted) {
      call.firstTokenAt ??= performance.now();
      run.emit({ type: "token", nodeId: run.node.id, delta });
    }
  });
  const answer = await call.chat.invoke(prompt, callOptions(call, run, [tokens]));
  const message = new AIMessage({
    content: textOf(answer),
    usage_metadata: answer.usage_metadata,
  });
  return { value: textOf(message), message };
}
