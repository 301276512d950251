import { FlowError } from "../../errors.ts";
import { localTexts } from "../../local/local-texts.ts";
import type { NodeOf } from "../../schema/flow.ts";
import type { IntentResult } from "../../state.ts";
import { renderTemplate } from "../../template.ts";
import { isPhrasedAsQuestion } from "../../text/language/question-form.ts";
import { classifyImplementation } from "../classify/run.ts";
import { faqImplementation } from "../faq/run.ts";
import { replyMessage } from "../messages.ts";
import type { CompileContext, NodeResult, NodeRun, RunContext } from "../node-runner.ts";
import { STAY } from "../node-runner.ts";

type SalesNode = NodeOf<"sales">;
type Digression = NonNullable<SalesNode["config"]["digressions"]>["handle"][number];

/** What the form does with a message that is not an answer, or null to take it as one. */
export type DigressionHandler = (
  state: Parameters<NodeRun>[0],
  run: RunContext,
  question: string,
  /** Whether the message also reads as a valid answer to the question asked ("Marco Rossi"). */
  answered: boolean,
) => Promise<NodeResult | null>;

// A message that also answers the question asked leaves the form only when the classifier is
// all but sure ("deixa pra lá" is a valid-looking name, and stopping is what the user meant).
const DECISIVE = 0.9;

/**
 * Compiles a sales node's digressions: the classify node they name (trained once more here, on
 * its own intents and model) tells what a message is about; when it is sure enough that the
 * message belongs to one of the handled intents, the form answers it from a knowledge base and
 * asks its question again, hands off (branch `handoff`) or stops (branch `stopped`).
 *
 * @throws FlowError `invalid_flow` when the classifier is not a classify node of the flow.
 */
export function compileDigressions(
  node: SalesNode,
  context: CompileContext,
): DigressionHandler | null {
  const config = node.config.digressions;
  if (!config) return null;
  const classifierNode = context.flow.nodes.find((other) => other.id === config.classifier);
  if (classifierNode?.type !== "classify") {
    throw new FlowError(
      "invalid_flow",
      `Digressions of "${node.id}" name "${config.classifier}" as their classifier, which is not a classify node.`,
      { nodeId: node.id },
    );
  }
  const classify = classifyImplementation.compile(classifierNode, context);
  const answers = new Map(
    config.handle.flatMap((digression) =>
      digression.action === "answer" ? [[digression, answerRun(node, digression, context)]] : [],
    ),
  );
  // A message asked as a question ("vocês entregam no Nordeste?") needs only the classifier's
  // own threshold: it is not an answer to the form's question.
  const questionThreshold = Math.min(config.minConfidence, classifierNode.config.threshold);
  return async (state, run, question, answered) => {
    const { intent } = (await classify(state, run)) as { intent: IntentResult };
    const phrasedAsQuestion = isPhrasedAsQuestion(run.userText, run.language);
    const threshold = answered
      ? Math.max(config.minConfidence, DECISIVE)
      : phrasedAsQuestion
        ? questionThreshold
        : config.minConfidence;
    const handled = config.handle.find((d) => d.intents.includes(intent.name));
    // A question that answers nothing goes to the knowledge base even when the classifier files it
    // elsewhere: "what's the warranty on the fleet bikes?" reads as the form's own intent.
    const digression =
      handled && intent.confidence >= threshold
        ? handled
        : phrasedAsQuestion && !answered
          ? config.handle.find((d) => d.action === "answer")
          : undefined;
    if (!digression) return null;
    // A valid answer not phrased as a question is the answer, however much it sounds like a topic
    // of the knowledge base: "Rapido Entregas" is a company, not a question about deliveries.
    if (answered && digression.action === "answer" && !phrasedAsQuestion) return null;
    const texts = localTexts[run.language];
    switch (digression.action) {
      case "answer": {
        const answered = await (answers.get(digression) as NodeRun)(state, run);
        const answer =
          answered.route === "answered"
            ? (answered.messages ?? [])
            : [replyMessage(texts.noAnswerInForm, { nodeId: node.id, author: "bot" })];
        return {
          intent,
          route: STAY,
          messages: [
            ...answer,
            replyMessage(texts.backToForm(question), { nodeId: node.id, author: "bot" }),
          ],
        };
      }
      case "handoff":
        return { intent, route: "handoff", progress: { [node.id]: null } };
      case "stop":
        return {
          intent,
          route: "stopped",
          progress: { [node.id]: null },
          messages: digression.message
            ? [
                replyMessage(renderTemplate(digression.message, run.scope), {
                  nodeId: node.id,
                  author: "bot",
                }),
              ]
            : [],
        };
    }
  };
}

// The FAQ node's retrieval and answering, run as part of the sales node.
function answerRun(
  node: SalesNode,
  digression: Extract<Digression, { action: "answer" }>,
  context: CompileContext,
): NodeRun {
  const faq: NodeOf<"faq"> = {
    id: node.id,
    type: "faq",
    config: {
      knowledge: digression.knowledge,
      ...(node.config.model ? { model: node.config.model } : {}),
      topK: 3,
      minScore: digression.minScore,
      citations: false,
    },
  };
  return faqImplementation.compile(faq, context);
}
