import { SystemMessage } from "@langchain/core/messages";
import { callModel } from "../../models/call-model.ts";
import { type AnswerSchema, invokeStructured } from "../../models/invoke-structured.ts";
import type { NodeIntentClassifier } from "../../nlu/intent-models.ts";
import type { NodeOf } from "../../schema/flow.ts";
import type { IntentResult } from "../../state.ts";
import { withoutGreeting } from "../../text/language/greeting.ts";
import type { Language } from "../../text/language/index.ts";
import { recentMessages } from "../messages.ts";
import type { NodeImplementation } from "../node-runner.ts";

function classifyPrompt(node: NodeOf<"classify">): string {
  const intents = node.config.intents
    .map(
      (i) =>
        `- ${i.name}: ${i.description} (e.g. ${i.examples
          .slice(0, 3)
          .map((e) => JSON.stringify(e))
          .join(", ")})`,
    )
    .join("\n");
  return [
    "Classify the user's latest message into exactly one of these intents:",
    intents,
    'Answer with JSON only: {"intent": "<name>", "confidence": <0..1>}. Use "none" when no intent fits.',
  ].join("\n");
}

/** The answer's shape; with vLLM it constrains decoding, so a small model can only name an intent. */
function intentSchema(names: Set<string>): AnswerSchema {
  return {
    name: "intent",
    description:
      "The intent of the user's latest message and how sure the classification is (0..1).",
    schema: {
      type: "object",
      properties: {
        intent: { type: "string", enum: [...names, "none"] },
        confidence: { type: "number" },
      },
      required: ["intent", "confidence"],
      additionalProperties: false,
    },
  };
}

/** Reads the model's structured answer; anything malformed or unknown counts as no confidence. */
function readIntent(json: Record<string, unknown> | null, names: Set<string>): IntentResult {
  const name = typeof json?.intent === "string" ? json.intent : "";
  const confidence = Number(json?.confidence);
  if (!names.has(name)) return { name: "none", confidence: 0 };
  return {
    name,
    confidence: Number.isFinite(confidence) ? Math.min(1, Math.max(0, confidence)) : 0.5,
  };
}

export const classifyImplementation: NodeImplementation<NodeOf<"classify">> = {
  needsUserMessage: () => true,
  compile: (node, context) => {
    // One model per language the node meets: a flow of one language trains it as it compiles,
    // an `auto` flow as each language's first message arrives.
    const classifiers = new Map<Language, NodeIntentClassifier>();
    const classifierIn = (language: Language) => {
      let classifier = classifiers.get(language);
      if (!classifier) {
        classifier = context.intentModels.classifierFor(node.config.intents, language);
        classifiers.set(language, classifier);
      }
      return classifier;
    };
    if (context.flow.language !== "auto") classifierIn(context.flow.language);
    const names = new Set(node.config.intents.map((i) => i.name));
    const system = new SystemMessage(classifyPrompt(node));
    const schema = intentSchema(names);
    const modelName = node.config.model ?? context.flow.models[0] ?? "default";
    return async (state, run) => {
      const intent = await callModel<IntentResult>(
        context.models,
        modelName,
        run,
        {
          local: () => {
            const classifier = classifierIn(run.language);
            // "Bom dia! Qual o horário da loja?" asks for the hours: the greeting decides the
            // intent only when the rest of the message names none.
            const rest = withoutGreeting(run.userText, run.language);
            const ofRest = rest === null ? null : classifier.classify(rest);
            const result =
              ofRest && ofRest.confidence >= node.config.threshold
                ? ofRest
                : classifier.classify(run.userText);
            return { name: result.intent, confidence: result.confidence };
          },
          chat: async (call) => {
            const { json, message } = await invokeStructured(
              call,
              [system, ...recentMessages(state.messages, node.config.history ?? 6)],
              schema,
              run,
            );
            return { value: readIntent(json, names), message };
          },
        },
        // Classification wants the likeliest intent, not variety.
        { temperature: 0 },
      );
      const route =
        intent.confidence >= node.config.threshold && names.has(intent.name)
          ? intent.name
          : "fallback";
      return { intent, route };
    };
  },
};
