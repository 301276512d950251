import type { FlowProblem } from "../errors.ts";
import type { FlowView } from "./flow-view.ts";

/** What the validator checks a flow's names against, when the caller knows them. */
export interface ValidateFlowOptions {
  /** The model catalog's names: every name in the flow's `models` must be one of them. */
  models?: string[];
  /** The ids of the knowledge bases that were loaded for the flow. */
  knowledge?: string[];
}

const listed = (names: string[]) =>
  names.length ? names.map((name) => `"${name}"`).join(", ") : "none";

function modelProblems(view: FlowView, catalog?: string[]): FlowProblem[] {
  const models = view.models;
  if (!models) return [];
  const problems: FlowProblem[] = view.nodes.flatMap(({ index, id, node }) => {
    if (!node || !("model" in node.config) || node.config.model === undefined) return [];
    const { model } = node.config;
    if (models.includes(model)) return [];
    const message = `Model "${model}" is not one of this flow's models (${listed(models)}); add it to "models".`;
    return [{ path: `/nodes/${index}/config/model`, nodeId: id, message }];
  });
  models.forEach((model, index) => {
    if (!catalog || catalog.includes(model)) return;
    const message = `Model "${model}" is not in the model catalog; the catalog has ${listed(catalog)}.`;
    problems.push({ path: `/models/${index}`, message });
  });
  return problems;
}

function knowledgeProblems(view: FlowView, loaded?: string[]): FlowProblem[] {
  const declared = view.knowledge;
  if (!declared) return [];
  const problems: FlowProblem[] = view.nodes.flatMap(({ index, id, node }) => {
    if (node?.type !== "faq" || declared.includes(node.config.knowledge)) return [];
    const message = `Knowledge base "${node.config.knowledge}" is not declared in the flow's "knowledge" (declared: ${listed(declared)}).`;
    return [{ path: `/nodes/${index}/config/knowledge`, nodeId: id, message }];
  });
  declared.forEach((id, index) => {
    if (!loaded || loaded.includes(id)) return;
    problems.push({
      path: `/knowledge/${index}`,
      message: `Knowledge base "${id}" was not loaded.`,
    });
  });
  return problems;
}

// A sales node's digressions name a classify node, its intents and knowledge bases.
function digressionProblems(view: FlowView): FlowProblem[] {
  return view.nodes.flatMap(({ index, id, node }) => {
    if (node?.type !== "sales" || !node.config.digressions) return [];
    const { classifier, handle } = node.config.digressions;
    const path = `/nodes/${index}/config/digressions`;
    const target = view.nodes.find((other) => other.id === classifier)?.node;
    if (target?.type !== "classify") {
      const message = `Digressions use "${classifier}" as their classifier, but it is not a classify node of this flow.`;
      return [{ path: `${path}/classifier`, nodeId: id, message }];
    }
    const intents = target.config.intents.map((intent) => intent.name);
    return handle.flatMap((digression, at) => [
      ...digression.intents.flatMap((intent) =>
        intents.includes(intent)
          ? []
          : [
              {
                path: `${path}/handle/${at}/intents`,
                nodeId: id,
                message: `Intent "${intent}" is not one of classifier "${classifier}"'s intents (${listed(intents)}).`,
              },
            ],
      ),
      ...(digression.action === "answer" &&
      view.knowledge &&
      !view.knowledge.includes(digression.knowledge)
        ? [
            {
              path: `${path}/handle/${at}/knowledge`,
              nodeId: id,
              message: `Knowledge base "${digression.knowledge}" is not declared in the flow's "knowledge" (declared: ${listed(view.knowledge)}).`,
            },
          ]
        : []),
    ]);
  });
}

/** Names that point outside a node: models (and the catalog), knowledge bases, classifiers. */
export function referenceProblems(view: FlowView, options: ValidateFlowOptions): FlowProblem[] {
  return [
    ...modelProblems(view, options.models),
    ...knowledgeProblems(view, options.knowledge),
    ...digressionProblems(view),
  ];
}
