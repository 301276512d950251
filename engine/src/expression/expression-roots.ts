import type { ExpressionAst } from "./expression-ast.ts";
import { parseExpression } from "./parse-expression.ts";

function collectRoots(ast: ExpressionAst, roots: Set<string>): void {
  switch (ast.kind) {
    case "literal":
      return;
    case "identifier":
      roots.add(ast.name);
      return;
    case "member":
      collectRoots(ast.object, roots);
      collectRoots(ast.property, roots);
      return;
    case "unary":
      collectRoots(ast.argument, roots);
      return;
    case "binary":
      collectRoots(ast.left, roots);
      collectRoots(ast.right, roots);
      return;
    case "conditional":
      collectRoots(ast.test, roots);
      collectRoots(ast.consequent, roots);
      collectRoots(ast.alternate, roots);
      return;
    case "array":
    case "call":
      for (const child of ast.kind === "array" ? ast.elements : ast.args)
        collectRoots(child, roots);
      return;
  }
}

/**
 * The top-level names an expression reads, in order of appearance; the validator checks each
 * is a declared variable or a built-in. Throws FlowError "invalid_expression" when it does not parse.
 *
 * @example
 * expressionRoots("lead.budget > 5 && intent == 'x'") // ["lead", "intent"]
 * expressionRoots("items[i].name") // ["items", "i"]
 */
export function expressionRoots(expression: string | ExpressionAst): string[] {
  const roots = new Set<string>();
  collectRoots(typeof expression === "string" ? parseExpression(expression) : expression, roots);
  return [...roots];
}
