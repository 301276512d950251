import { FlowError } from "../errors.ts";
import type { ExpressionAst } from "./expression-ast.ts";
import { isSyntaxProblem, parseJsep } from "./jsep-parser.ts";
import { toExpressionAst } from "./to-expression-ast.ts";

/**
 * Parses an expression of the flow expression language: literals, variables and member access,
 * `! -`, comparisons, arithmetic, `&& ||`, `?:`, arrays and the functions contains, lower,
 * upper, len, matches, number and exists. Throws FlowError "invalid_expression" naming the
 * problem and its column (1-based).
 *
 * @example
 * parseExpression("lead.budget >= 5000 && intent == 'sales'")
 * parseExpression("a = 1") // throws: Invalid expression "a = 1" at column 3: unexpected "=".
 */
export function parseExpression(source: string): ExpressionAst {
  try {
    return toExpressionAst(parseJsep(source));
  } catch (error) {
    if (!isSyntaxProblem(error)) throw error;
    const problem = error.description.charAt(0).toLowerCase() + error.description.slice(1);
    throw new FlowError(
      "invalid_expression",
      `Invalid expression "${source}" at column ${error.index + 1}: ${problem}.`,
      { cause: error },
    );
  }
}
