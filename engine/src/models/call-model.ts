import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { AIMessage, BaseMessage } from "@langchain/core/messages";
import { FlowError } from "../errors.ts";
import type { RunContext } from "../nodes/node-runner.ts";
import type { ModelCall } from "../state.ts";
import { contextBudgetOf } from "./fit-context.ts";
import { statusOf } from "./is-retryable-error.ts";
import type { ChatFlowModel, ModelSettings } from "./model.ts";
import type { ModelRegistry } from "./model-registry.ts";
import { defaultRetryPolicy, withRetries } from "./with-retries.ts";

/** One attempt on a chat model, as a node's `chat` strategy gets it. */
export interface ChatCall {
  model: ChatFlowModel;
  /** The client with the node's settings applied. */
  chat: BaseChatModel;
  /** Aborts at the attempt's timeout or when the turn is cancelled; pass it to the client. */
  signal: AbortSignal;
  /** How many tokens the prompt may take, when the catalog gives the model's context size. */
  contextBudget?: number;
  /** When the first streamed token arrived (`performance.now()`); chatText sets it. */
  firstTokenAt?: number;
  /** The messages sent, once they are; for traces. */
  prompt?: BaseMessage[];
}

/** How a node answers with each kind of model. */
export interface ModelStrategies<T> {
  local: () => T | Promise<T>;
  chat: (call: ChatCall) => Promise<{ value: T; message?: AIMessage }>;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function clientFor(model: ChatFlowModel, settings: ModelSettings): BaseChatModel {
  const custom = settings.temperature !== undefined || settings.maxTokens !== undefined;
  return custom && model.configure ? model.configure(settings) : model.chat;
}

/**
 * Runs a node's model work on a model and, when it fails, on each of its fallbacks in turn.
 * Each chat model gets the attempts, timeout and backoff of its catalog `retry`; every attempt
 * is recorded as a `model_call` event (latency, time to first token, token usage, error), so
 * traces show retries and fallbacks. When every model fails it throws a `model_failed`
 * FlowError naming each cause, which sends the node down its `error` branch.
 *
 * @example
 * const intent = await callModel(models, "default", run, {
 *   local: () => classifier.classify(run.userText),
 *   chat: async (call) => …,
 * }, { temperature: 0 });
 */
export async function callModel<T>(
  models: ModelRegistry,
  name: string,
  run: RunContext,
  strategies: ModelStrategies<T>,
  settings: ModelSettings = {},
): Promise<T> {
  const record = (call: Omit<ModelCall, "nodeId">, chat?: ChatCall, answer?: AIMessage) =>
    run.emit({
      type: "model_call",
      call: { nodeId: run.node.id, ...call },
      ...(chat?.prompt ? { exchange: { chat: chat.chat, prompt: chat.prompt, answer } } : {}),
    });
  const turnSignal = run.config.signal;
  const failures: string[] = [];
  let lastError: unknown;
  for (const model of models.chain(name)) {
    const started = performance.now();
    if (model.provider === "local") {
      try {
        const value = await strategies.local();
        record({
          model: model.name,
          provider: model.provider,
          latencyMs: performance.now() - started,
        });
        return value;
      } catch (error) {
        record({
          model: model.name,
          provider: model.provider,
          latencyMs: performance.now() - started,
          error: describe(error),
        });
        failures.push(`${model.name}: ${describe(error)}`);
        lastError = error;
        continue;
      }
    }
    const chat = clientFor(model, settings);
    const contextBudget = contextBudgetOf(model.entry, settings);
    const policy = { ...defaultRetryPolicy, ...model.entry.retry };
    let attemptStarted = started;
    let attempt: ChatCall | undefined;
    try {
      return await withRetries(
        async ({ number, signal }) => {
          attemptStarted = performance.now();
          const call: ChatCall = { model, chat, signal, contextBudget };
          attempt = call;
          const { value, message } = await strategies.chat(call);
          record(
            {
              model: model.name,
              provider: model.provider,
              attempt: number,
              latencyMs: performance.now() - attemptStarted,
              firstTokenMs:
                call.firstTokenAt === undefined ? undefined : call.firstTokenAt - attemptStarted,
              inputTokens: message?.usage_metadata?.input_tokens,
              outputTokens: message?.usage_metadata?.output_tokens,
            },
            call,
            message,
          );
          return value;
        },
        policy,
        {
          signal: turnSignal,
          onFailure: (error, number) =>
            record(
              {
                model: model.name,
                provider: model.provider,
                attempt: number,
                latencyMs: performance.now() - attemptStarted,
                error: describe(error),
                status: statusOf(error),
              },
              attempt,
            ),
        },
      );
    } catch (error) {
      // A cancelled turn stops here: the fallbacks would be cancelled too.
      if (turnSignal?.aborted) throw error;
      failures.push(`${model.name}: ${describe(error)}`);
      lastError = error;
    }
  }
  throw new FlowError(
    "model_failed",
    `Every model failed for node '${run.node.id}': ${failures.join("; ")}`,
    { nodeId: run.node.id, cause: lastError },
  );
}
