import { SystemMessage } from "@langchain/core/messages";
import { FlowError } from "../../errors.ts";
import type { KnowledgeHit } from "../../knowledge/knowledge-base.ts";
import { callModel } from "../../models/call-model.ts";
import { chatText } from "../../models/chat-text.ts";
import type { NodeOf } from "../../schema/flow.ts";
import { recentMessages, replyMessage } from "../messages.ts";
import type { NodeImplementation } from "../node-runner.ts";

/** What a grounded model answers when the passages don't hold the answer. */
const NO_ANSWER = "NO_ANSWER";

function groundingPrompt(
  hits: KnowledgeHit[],
  instructions: string | undefined,
  cite: boolean,
): string {
  const passages = hits
    .map((h) => `[${h.entry.id}] ${h.entry.title}\n${h.entry.text}`)
    .join("\n\n");
  return [
    "Answer the user's latest question using only the passages below.",
    ...(cite ? ["Cite the passages you used by their id in square brackets, e.g. [refunds]."] : []),
    `If the passages do not answer the question, answer exactly ${NO_ANSWER}.`,
    ...(instructions ? [instructions] : []),
    "",
    passages,
  ].join("\n");
}

export const faqImplementation: NodeImplementation<NodeOf<"faq">> = {
  needsUserMessage: () => true,
  compile: (node, context) => {
    const index = context.knowledge.get(node.config.knowledge);
    if (!index) {
      throw new FlowError(
        "invalid_knowledge",
        `Knowledge base '${node.config.knowledge}' was not loaded.`,
        {
          nodeId: node.id,
        },
      );
    }
    const { topK, minScore, instructions, citations, history = 10 } = node.config;
    const modelName = node.config.model ?? context.flow.models[0] ?? "default";
    return async (state, run) => {
      const hits = index.search(run.userText, topK).filter((hit) => hit.score >= minScore);
      if (hits.length === 0) return { route: "no_answer" };
      const answer = await callModel(context.models, modelName, run, {
        local: () => {
          const best = hits[0] as KnowledgeHit;
          run.emit({ type: "token", nodeId: node.id, delta: best.entry.text });
          return { text: best.entry.text, cited: [best.entry.id] };
        },
        chat: async (call) => {
          const { value, message } = await chatText(
            call,
            [
              new SystemMessage(groundingPrompt(hits, instructions, citations)),
              ...recentMessages(state.messages, history),
            ],
            run,
            { stream: true },
          );
          const cited = hits.map((h) => h.entry.id).filter((id) => value.includes(`[${id}]`));
          return { value: { text: value.trim(), cited }, message };
        },
      });
      if (answer.text === "" || answer.text.startsWith(NO_ANSWER)) return { route: "no_answer" };
      return {
        route: "answered",
        messages: [
          replyMessage(answer.text, {
            nodeId: node.id,
            author: "bot",
            citations: citations ? answer.cited : undefined,
          }),
        ],
      };
    };
  },
};
