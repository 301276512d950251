import { binaryOperations } from "./binary-operations.ts";
import type { ExpressionAst } from "./expression-ast.ts";
import { type ExpressionFunction, expressionFunctions } from "./expression-functions.ts";
import { readMember, toNumber } from "./expression-values.ts";
import { parseExpression } from "./parse-expression.ts";

const CACHE_LIMIT = 1000;
const cache = new Map<string, ExpressionAst>();

/** Parses once per source: flows evaluate the same few expressions on every turn. */
function cachedAst(source: string): ExpressionAst {
  let ast = cache.get(source);
  if (!ast) {
    ast = parseExpression(source);
    // Forget the oldest entry rather than grow without bound on user-edited flows.
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(source, ast);
  }
  return ast;
}

function evaluate(ast: ExpressionAst, scope: Record<string, unknown>): unknown {
  switch (ast.kind) {
    case "literal":
      return ast.value;
    case "identifier":
      return readMember(scope, ast.name);
    case "member":
      return readMember(evaluate(ast.object, scope), evaluate(ast.property, scope));
    case "unary": {
      const value = evaluate(ast.argument, scope);
      if (ast.operator === "!") return !value;
      const number = toNumber(value);
      return number === undefined ? undefined : -number;
    }
    case "binary": {
      const left = evaluate(ast.left, scope);
      if (ast.operator === "&&") return left ? evaluate(ast.right, scope) : left;
      if (ast.operator === "||") return left ? left : evaluate(ast.right, scope);
      return binaryOperations[ast.operator](left, evaluate(ast.right, scope));
    }
    case "conditional":
      return evaluate(ast.test, scope)
        ? evaluate(ast.consequent, scope)
        : evaluate(ast.alternate, scope);
    case "array":
      return ast.elements.map((element) => evaluate(element, scope));
    case "call": {
      const fn: ExpressionFunction = expressionFunctions[ast.name];
      return fn.apply(...ast.args.map((arg) => evaluate(arg, scope)));
    }
  }
}

/**
 * Evaluates an expression against a scope without `eval`: missing names and properties read
 * as undefined, and nothing outside the scope's own data is reachable. A source string is
 * parsed once and cached; parse errors throw FlowError "invalid_expression".
 *
 * @example
 * evaluateExpression("lead.budget >= 5000", { lead: { budget: 8000 } }) // true
 * evaluateExpression("contains(last_message, 'refund')", { last_message: "Refund me" }) // true
 */
export function evaluateExpression(
  expression: string | ExpressionAst,
  scope: Record<string, unknown>,
): unknown {
  return evaluate(typeof expression === "string" ? cachedAst(expression) : expression, scope);
}
