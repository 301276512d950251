import type jsep from "jsep";
import { compilePattern } from "../text/compile-pattern.ts";
import { type ExpressionAst, isBinaryOperator } from "./expression-ast.ts";
import { expressionFunctions, functionNames, isFunctionName } from "./expression-functions.ts";
import { isForbiddenKey } from "./expression-values.ts";
import { type JsepNode, syntaxProblem } from "./jsep-parser.ts";

type Node<T extends jsep.Expression> = T & { start?: number };

/** The column to blame for a node: its own start, else the first child that has one. */
function startOf(node: JsepNode | null | undefined): number {
  if (!node) return 0;
  if (node.start !== undefined) return node.start;
  for (const value of Object.values(node)) {
    if (value && typeof value === "object" && "type" in value) return startOf(value as JsepNode);
  }
  return 0;
}

function fromMember(node: Node<jsep.MemberExpression>): ExpressionAst {
  const property: ExpressionAst = node.computed
    ? toExpressionAst(node.property)
    : { kind: "literal", value: (node.property as jsep.Identifier).name };
  if (
    property.kind === "literal" &&
    typeof property.value === "string" &&
    isForbiddenKey(property.value)
  ) {
    syntaxProblem(`"${property.value}" cannot be read`, startOf(node.property));
  }
  return { kind: "member", object: toExpressionAst(node.object), property };
}

/**
 * `matches()`'s pattern must be written in the flow: one built from variables could be the
 * user's message, and a pattern is a program. It must also suit RE2, which runs in linear time.
 */
function checkPattern(pattern: ExpressionAst | undefined, at: number): void {
  if (pattern?.kind !== "literal" || typeof pattern.value !== "string")
    syntaxProblem(
      "matches()'s pattern must be a quoted text written in the flow, e.g. matches(last_message, '^[0-9]{5}$'), never built from variables or the user's message",
      at,
    );
  const compiled = compilePattern(pattern.value, { ignoreCase: true });
  if (!compiled.ok) syntaxProblem(compiled.problem, at);
}

function fromCall(node: Node<jsep.CallExpression>): ExpressionAst {
  const callee = node.callee;
  const name = callee.type === "Identifier" ? (callee as jsep.Identifier).name : "";
  const at = startOf(node);
  if (!isFunctionName(name)) {
    const what = name ? `unknown function "${name}"` : "methods cannot be called";
    syntaxProblem(`${what}; the functions are ${functionNames.join(", ")}`, at);
  }
  const { arity } = expressionFunctions[name];
  if (node.arguments.length !== arity) {
    syntaxProblem(
      `${name}() takes ${arity} argument${arity === 1 ? "" : "s"}, not ${node.arguments.length}`,
      at,
    );
  }
  const args = node.arguments.map((argument) => toExpressionAst(argument));
  if (name === "matches") checkPattern(args[1], startOf(node.arguments[1]));
  return { kind: "call", name, args };
}

/**
 * Turns jsep's tree into the language's own, refusing every construct the language leaves out
 * (`this`, method calls, several expressions, prototype access) with the column at fault.
 */
export function toExpressionAst(node: JsepNode): ExpressionAst {
  switch (node.type) {
    case "Literal":
      // jsep's core has no regular expression literals, so a literal is one of these.
      return {
        kind: "literal",
        value: (node as jsep.Literal).value as string | number | boolean | null,
      };
    case "Identifier":
      return { kind: "identifier", name: (node as jsep.Identifier).name };
    case "MemberExpression":
      return fromMember(node as Node<jsep.MemberExpression>);
    case "CallExpression":
      return fromCall(node as Node<jsep.CallExpression>);
    case "UnaryExpression": {
      const { operator, argument } = node as jsep.UnaryExpression;
      if (operator !== "!" && operator !== "-") {
        syntaxProblem(`the operator "${operator}" is not supported`, startOf(node));
      }
      return { kind: "unary", operator, argument: toExpressionAst(argument) };
    }
    case "BinaryExpression": {
      const { operator, left, right } = node as jsep.BinaryExpression;
      if (!isBinaryOperator(operator))
        syntaxProblem(`the operator "${operator}" is not supported`, startOf(node));
      return {
        kind: "binary",
        operator,
        left: toExpressionAst(left),
        right: toExpressionAst(right),
      };
    }
    case "ConditionalExpression": {
      const { test, consequent, alternate } = node as jsep.ConditionalExpression;
      return {
        kind: "conditional",
        test: toExpressionAst(test),
        consequent: toExpressionAst(consequent),
        alternate: toExpressionAst(alternate),
      };
    }
    case "ArrayExpression": {
      const { elements } = node as Node<jsep.ArrayExpression>;
      const elementAsts = elements.map((element) =>
        element
          ? toExpressionAst(element)
          : syntaxProblem("empty array items are not allowed", startOf(node)),
      );
      return { kind: "array", elements: elementAsts };
    }
    case "ThisExpression":
      return syntaxProblem('"this" is not supported', startOf(node));
    case "Compound": {
      const { body } = node as jsep.Compound;
      if (body.length === 0) syntaxProblem("the expression is empty", 0);
      return syntaxProblem("expected an operator between two values", startOf(body[1]));
    }
    case "SequenceExpression":
      return syntaxProblem(
        "commas may only separate function arguments and array items",
        startOf(node),
      );
    default:
      return syntaxProblem(`unsupported syntax (${node.type})`, startOf(node));
  }
}
