import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { AIMessage } from "@langchain/core/messages";
import { FlowError } from "../errors.ts";
import type { RunContext } from "../nodes/node-runner.ts";
import type { ModelCall } from "../state.ts";
import type { FlowModel } from "./model.ts";
import type { ModelRegistry } from "./model-registry.ts";

/** How a node answers with each kind of model. */
export interface ModelStrategies<T> {
  local: () => T | Promise<T>;
  chat: (chat: BaseChatModel, model: FlowModel) => Promise<{ value: T; message?: AIMessage }>;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs a node's model work on a model and, when it fails, on each of its fallbacks in turn,
 * recording every call (latency, token usage, error) as a `model_call` event.
 *
 * @example
 * const intent = await callModel(models, "default", run, { local: () => classifier.classify(text), chat: … });
 */
export async function callModel<T>(
  models: ModelRegistry,
  name: string,
  run: RunContext,
  strategies: ModelStrategies<T>,
): Promise<T> {
  const failures: string[] = [];
  for (const model of models.chain(name)) {
    const started = performance.now();
    const record = (extra: Partial<ModelCall>) =>
      run.emit({
        type: "model_call",
        call: {
          nodeId: run.node.id,
          model: model.name,
          provider: model.provider,
          latencyMs: performance.now() - started,
          ...extra,
        },
      });
    try {
      if (model.provider === "local") {
        const value = await strategies.local();
        record({});
        return value;
      }
      const { value, message } = await strategies.chat(model.chat, model);
      record({
        inputTokens: message?.usage_metadata?.input_tokens,
        outputTokens: message?.usage_metadata?.output_tokens,
      });
      return value;
    } catch (error) {
      record({ error: describe(error) });
      failures.push(`${model.name}: ${describe(error)}`);
    }
  }
  throw new FlowError("model_failed", `Every model failed for node '${run.node.id}': ${failures.join("; ")}`, {
    nodeId: run.node.id,
  });
}
