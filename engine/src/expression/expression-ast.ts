import type { FunctionName } from "./expression-functions.ts";

/** The binary operators of the expression language; jsep knows more, and those are rejected. */
const binaryOperators = [
  "==",
  "!=",
  "===",
  "!==",
  "<",
  "<=",
  ">",
  ">=",
  "+",
  "-",
  "*",
  "/",
  "%",
  "&&",
  "||",
] as const;

export type BinaryOperator = (typeof binaryOperators)[number];
type UnaryOperator = "!" | "-";

export function isBinaryOperator(operator: string): operator is BinaryOperator {
  return (binaryOperators as readonly string[]).includes(operator);
}

/**
 * A parsed expression, holding only what the language allows: the evaluator switches over
 * `kind` exhaustively, so a construct that reaches it has been checked by the parser.
 */
export type ExpressionAst =
  | { kind: "literal"; value: string | number | boolean | null }
  | { kind: "identifier"; name: string }
  /** `a.b` has the literal "b" as its property, `a[i]` the expression `i`. */
  | { kind: "member"; object: ExpressionAst; property: ExpressionAst }
  | { kind: "unary"; operator: UnaryOperator; argument: ExpressionAst }
  | { kind: "binary"; operator: BinaryOperator; left: ExpressionAst; right: ExpressionAst }
  | {
      kind: "conditional";
      test: ExpressionAst;
      consequent: ExpressionAst;
      alternate: ExpressionAst;
    }
  | { kind: "array"; elements: ExpressionAst[] }
  | { kind: "call"; name: FunctionName; args: ExpressionAst[] };
