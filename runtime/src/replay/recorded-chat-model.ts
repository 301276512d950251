import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BindToolsInput,
} from "@langchain/core/language_models/chat_models";
import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";
import { textOf } from "@switchboard/engine";
import { promptHash } from "../conversations/index.ts";
import { ReplayMissError } from "./replay-error.ts";
import { currentRecordings } from "./replay-recordings.ts";

type CallOptions = BaseChatModelCallOptions & {
  tools?: BindToolsInput[];
  response_format?: unknown;
};

/**
 * A chat model for replays: the recorded answer when the prompt hashes as recorded; otherwise
 * the live model when the replay calls models, or a clear failure when it reuses answers only.
 */
export class RecordedChatModel extends BaseChatModel<CallOptions> {
  constructor(private readonly live: BaseChatModel) {
    super({});
  }

  _llmType(): string {
    return "recorded";
  }

  override bindTools(tools: BindToolsInput[], kwargs?: Partial<CallOptions>) {
    return this.withConfig({ tools, ...kwargs } as Partial<CallOptions>);
  }

  async _generate(
    messages: BaseMessage[],
    options: this["ParsedCallOptions"],
    _runManager?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    const recordings = currentRecordings.getStore();
    const recorded = recordings?.takeAnswer(promptHash(messages));
    if (recorded) {
      const message = new AIMessage({
        content: recorded.content,
        tool_calls: recorded.toolCalls?.map((call) => ({ ...call, type: "tool_call" as const })),
      });
      return { generations: [{ text: recorded.content, message }] };
    }
    if (recordings?.models !== "call")
      throw new ReplayMissError(
        `The prompt sent differs from every recorded one, and this replay reuses recorded answers only; replay with models "call" to ask the model.`,
      );
    recordings.answers.called++;
    const { tools, tool_choice, response_format, signal } = options;
    const model =
      tools && this.live.bindTools ? this.live.bindTools(tools, { tool_choice }) : this.live;
    const message = (await model.invoke(messages, {
      signal,
      ...(response_format ? { response_format } : {}),
    } as Partial<CallOptions>)) as AIMessage;
    return { generations: [{ text: textOf(message), message }] };
  }
}
