import { SystemMessage } from "@langchain/core/messages";
import { FlowError } from "../../errors.ts";
import { findAnswers } from "../../knowledge/find-answers.ts";
import type { KnowledgeHit } from "../../knowledge/knowledge-base.ts";
import { localTexts } from "../../local/local-texts.ts";
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
  questions: number,
): string {
  const passages = hits
    .map((h) => `[${h.entry.id}] ${h.entry.title}\n${h.entry.text}`)
    .join("\n\n");
  return [
    "Answer the user's latest question using only the passages below.",
    ...(cite ? ["Cite the passages you used by their id in square brackets, e.g. [refunds]."] : []),
    ...(questions > 1 ? [`The user asked ${questions} questions: answer each of them.`] : []),
    `If the passages do not answer the question, answer exactly ${NO_ANSWER}.`,
    "Answer in the language of the user's latest message.",
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
    const entryIds = new Set(index.base.entries.map((entry) => entry.id));
    return async (state, run) => {
      const { hits, questions } = findAnswers(index, run.userText, run.language, topK, minScore);
      if (hits.length === 0) return { route: "no_answer" };
      const answer = await callModel(context.models, modelName, run, {
        local: () => {
          const answered = hits.slice(0, questions);
          const text = answered
            .map((hit) => hit.entry.text)
            .reduce((first, second) => localTexts[run.language].alsoAnswer(first, second));
          run.emit({ type: "token", nodeId: node.id, delta: text });
          return { text, cited: answered.map((hit) => hit.entry.id) };
        },
        chat: async (call) => {
          const { value, message } = await chatText(
            call,
            [
              new SystemMessage(groundingPrompt(hits, instructions, citations, questions)),
              ...recentMessages(state.messages, history),
            ],
            run,
            { stream: true },
          );
          const cited = hits.map((h) => h.entry.id).filter((id) => value.includes(`[${id}]`));
          // The reply carries its citations apart: channels show them their own way, or not.
          // Markers of entries the model did not see are taken out too.
          return { value: { text: withoutMarkers(value, entryIds).trim(), cited }, message };
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

/** The text without its `[id]` citation markers (and the space before each). */
function withoutMarkers(text: string, ids: ReadonlySet<string>): string {
  return text.replace(CITATION_MARKER, (marker, id: string) => (ids.has(id) ? "" : marker));
}

/** `[id]`, with the blanks before it. */
const CITATION_MARKER = /\s*\[([^[\]\s]+)\]/g;
