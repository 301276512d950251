import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import type { BaseMessage } from "@langchain/core/messages";
import type { ChatGeneration, LLMResult } from "@langchain/core/outputs";
import { textOf } from "@switchboard/engine";
import { promptHash } from "./prompt-hash.ts";
import { RECORDED_PER_TURN, type RecordedModelAnswer } from "./turn-recording.ts";

/**
 * Keeps each chat model answer of a turn with the hash of the prompt it answered, for replays
 * to reuse. One per turn, passed as the turn's model callbacks; the embedded model makes no
 * LangChain calls, so it records nothing and costs nothing.
 */
export class ModelAnswerRecorder extends BaseCallbackHandler {
  name = "model-answer-recorder";
  // Answers must be in hand when the turn is stored, not in LangChain's background queue.
  override awaitHandlers = true;
  readonly answers: RecordedModelAnswer[] = [];
  private readonly prompts = new Map<string, { hash: string; nodeId: string | null }>();

  override handleChatModelStart(
    _llm: unknown,
    messages: BaseMessage[][],
    runId: string,
    _parentRunId?: string,
    _extraParams?: Record<string, unknown>,
    _tags?: string[],
    metadata?: Record<string, unknown>,
  ): void {
    const nodeId = typeof metadata?.nodeId === "string" ? metadata.nodeId : null;
    this.prompts.set(runId, { hash: promptHash(messages[0] ?? []), nodeId });
  }

  override handleLLMEnd(output: LLMResult, runId: string): void {
    const prompt = this.prompts.get(runId);
    this.prompts.delete(runId);
    const generation = output.generations[0]?.[0] as ChatGeneration | undefined;
    if (!prompt || !generation?.message || this.answers.length >= RECORDED_PER_TURN) return;
    const message = generation.message;
    const toolCalls = "tool_calls" in message ? (message.tool_calls as unknown[]) : undefined;
    this.answers.push({
      nodeId: prompt.nodeId,
      promptHash: prompt.hash,
      content: textOf(message),
      ...(toolCalls?.length
        ? { toolCalls: toolCalls as NonNullable<RecordedModelAnswer["toolCalls"]> }
        : {}),
    });
  }

  override handleLLMError(_error: unknown, runId: string): void {
    this.prompts.delete(runId);
  }
}
