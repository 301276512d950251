import { FlowError, type FlowProblem } from "../errors.ts";
import { expressionRoots } from "../expression/index.ts";
import { builtinNames } from "../schema/builtin-names.ts";
import type { FlowNode } from "../schema/flow.ts";
import { isPlaceholderPath, templatePlaceholders } from "../template.ts";
import type { FlowView } from "./flow-view.ts";
import { stringPointers } from "./json-pointer.ts";
import { referencesOf } from "./node-metadata.ts";

/** A template or expression of a node, where it is, and names only it may read. */
interface Reference {
  kind: "template" | "expression";
  text: string;
  pointer: string;
  extraNames: string[];
}

function nodeReferences(index: number, node: FlowNode): Reference[] {
  const base = `/nodes/${index}/config`;
  const strings = stringPointers(node.config, base);
  const pointerOf = (text: string) => strings.find(([, value]) => value === text)?.[0] ?? base;
  const { templates, expressions } = referencesOf(node);
  const references: Reference[] = [
    ...templates.map((text) => {
      const pointer = pointerOf(text);
      // A sales node renders a slot's retry question with the reason the answer was refused.
      const extraNames = node.type === "sales" && pointer.endsWith("/retry") ? ["reason"] : [];
      return { kind: "template" as const, text, pointer, extraNames };
    }),
    ...expressions.map((text) => ({
      kind: "expression" as const,
      text,
      pointer: pointerOf(text),
      extraNames: [],
    })),
  ];
  if (node.type === "sales") {
    // The qualify expression reads the lead's slots directly, e.g. `budget >= 5000`.
    const extraNames = node.config.slots.map((slot) => slot.name);
    references.push({
      kind: "expression",
      text: node.config.qualify.when,
      pointer: `${base}/qualify/when`,
      extraNames,
    });
  }
  return references;
}

function problemsOf(reference: Reference, names: Set<string>, nodeId: string): FlowProblem[] {
  const problem = (message: string): FlowProblem => ({ path: reference.pointer, nodeId, message });
  const unknown = (shown: string, root: string): FlowProblem[] => {
    if (names.has(root) || reference.extraNames.includes(root)) return [];
    const known = [...names, ...reference.extraNames].join(", ");
    return [
      problem(
        `${shown} reads "${root}", which is neither a declared variable nor a built-in name (${known}).`,
      ),
    ];
  };
  if (reference.kind === "template") {
    return templatePlaceholders(reference.text).flatMap((placeholder) => {
      const shown = `The placeholder {{${placeholder}}}`;
      if (isPlaceholderPath(placeholder))
        return unknown(shown, placeholder.split(".")[0] ?? placeholder);
      return [
        problem(
          `${shown} is malformed; a placeholder names a variable path such as {{lead.name}}.`,
        ),
      ];
    });
  }
  try {
    const shown = `The expression "${reference.text}"`;
    return expressionRoots(reference.text).flatMap((root) => unknown(shown, root));
  } catch (error) {
    if (!(error instanceof FlowError)) throw error;
    return [problem(error.message)];
  }
}

/**
 * Templates and expressions that do not parse or read a name nobody sets: the declared
 * variables, the built-in names and each sales node's lead (its `store`) are readable anywhere.
 */
export function nameProblems(view: FlowView): FlowProblem[] {
  const stores = view.nodes.flatMap(({ node }) =>
    node?.type === "sales" ? [node.config.store] : [],
  );
  const names = new Set([...view.variables, ...builtinNames, ...stores]);
  return view.nodes.flatMap(({ index, id, node }) =>
    node
      ? nodeReferences(index, node).flatMap((reference) => problemsOf(reference, names, id))
      : [],
  );
}
