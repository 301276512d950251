import type { Callbacks } from "@langchain/core/callbacks/manager";
import type { BaseChatModelCallOptions } from "@langchain/core/language_models/chat_models";
import { AIMessage, type AIMessageChunk, type BaseMessage } from "@langchain/core/messages";
import { MODEL_CALLBACKS } from "../compile/wrap-node.ts";
import type { RunContext } from "../nodes/node-runner.ts";
import type { ChatCall } from "./call-model.ts";
import { fitContext } from "./fit-context.ts";

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
 * the turn's model callbacks (tracing), and the attempt's signal. Passed per call rather than
 * bound with `withConfig`, which makes ChatOpenAI build a new client every time.
 */
export function callOptions(call: ChatCall, run: RunContext): Partial<BaseChatModelCallOptions> {
  const callbacks = run.config.configurable?.[MODEL_CALLBACKS] as Callbacks | undefined;
  // The node's run name would name the call after the node; the call is the model's.
  const { runName: _node, ...config } = run.config;
  return {
    ...config,
    ...(callbacks ? { callbacks } : {}),
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
  if (!options.stream) {
    const message = (await call.chat.invoke(prompt, callOptions(call, run))) as AIMessage;
    return { value: textOf(message), message };
  }
  let full: AIMessageChunk | undefined;
  for await (const chunk of await call.chat.stream(prompt, callOptions(call, run))) {
    const delta = textOf(chunk);
    // An attempt past its deadline may still be draining: its tokens must not reach the user.
    if (delta && !call.signal.aborted) {
      call.firstTokenAt ??= performance.now();
      run.emit({ type: "token", nodeId: run.node.id, delta });
    }
    full = full ? full.concat(chunk) : chunk;
  }
  const message = new AIMessage({
    content: full ? textOf(full) : "",
    usage_metadata: full?.usage_metadata,
  });
  return { value: textOf(message), message };
}
