import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { callModel } from "../../models/call-model.ts";
import { chatText } from "../../models/chat-text.ts";
import type { NodeOf } from "../../schema/flow.ts";
import { renderTemplate } from "../../template.ts";
import { recentMessages, replyMessage } from "../messages.ts";
import type { NodeImplementation } from "../node-runner.ts";

export const llmImplementation: NodeImplementation<NodeOf<"llm">> = {
  needsUserMessage: () => false,
  compile: (node, context) => {
    const { system, prompt, fallback, history = 50, output, temperature, maxTokens } = node.config;
    const modelName = node.config.model ?? context.flow.models[0] ?? "default";
    return async (state, run) => {
      const text = await callModel(
        context.models,
        modelName,
        run,
        {
          local: () => {
            const answer = renderTemplate(fallback, run.scope);
            run.emit({ type: "token", nodeId: node.id, delta: answer });
            return answer;
          },
          chat: (call) =>
            chatText(
              call,
              [
                ...(system ? [new SystemMessage(renderTemplate(system, run.scope))] : []),
                ...recentMessages(state.messages, history),
                new HumanMessage(renderTemplate(prompt, run.scope)),
              ],
              run,
              { stream: true },
            ),
        },
        { temperature, maxTokens },
      );
      return {
        messages: [replyMessage(text, { nodeId: node.id, author: "bot" })],
        ...(output ? { vars: { [output]: text } } : {}),
      };
    };
  },
};
