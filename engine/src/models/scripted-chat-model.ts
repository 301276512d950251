import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, AIMessageChunk, type BaseMessage } from "@langchain/core/messages";
import { ChatGenerationChunk, type ChatResult } from "@langchain/core/outputs";

/**
 * A deterministic chat model for simulations and tests: it plays canned responses in order,
 * one per call, and fails loudly when the script runs out. Structured output is a canned JSON
 * text, parsed like any model's answer.
 *
 * @example
 * const model = new ScriptedChatModel();
 * model.script(['{"intent":"question","confidence":0.9}', "We open at 9am."]);
 */
export class ScriptedChatModel extends BaseChatModel {
  private queue: string[] = [];
  /** The prompts of the calls made since the last `script()`, for assertions. */
  readonly calls: BaseMessage[][] = [];

  constructor(responses: string[] = []) {
    super({});
    this.queue = [...responses];
  }

  /** Replaces the responses still to be played. */
  script(responses: string[]): void {
    this.queue = [...responses];
    this.calls.length = 0;
  }

  /** How many scripted responses were not used. */
  get remaining(): number {
    return this.queue.length;
  }

  _llmType(): string {
    return "scripted";
  }

  private next(messages: BaseMessage[]): string {
    this.calls.push(messages);
    const response = this.queue.shift();
    if (response === undefined) {
      throw new Error(
        `the scripted model has no response left for call ${this.calls.length} of this turn; add one to modelResponses`,
      );
    }
    return response;
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const text = this.next(messages);
    return {
      generations: [
        { text, message: new AIMessage({ content: text, usage_metadata: usage(messages, text) }) },
      ],
    };
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    _options: this["ParsedCallOptions"],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const text = this.next(messages);
    const pieces = text.match(/\S+\s*|\s+/g) ?? [];
    for (const [index, piece] of pieces.entries()) {
      const last = index === pieces.length - 1;
      const chunk = new ChatGenerationChunk({
        text: piece,
        message: new AIMessageChunk({
          content: piece,
          usage_metadata: last ? usage(messages, text) : undefined,
        }),
      });
      yield chunk;
      await runManager?.handleLLMNewToken(piece);
    }
  }
}

/** A rough token count (4 characters a token) so usage recording is exercised. */
function usage(messages: BaseMessage[], text: string) {
  const input = Math.ceil(messages.reduce((n, m) => n + String(m.content).length, 0) / 4);
  const output = Math.ceil(text.length / 4);
  return { input_tokens: input, output_tokens: output, total_tokens: input + output };
}
