import jsep from "jsep";
import { isBinaryOperator } from "./expression-ast.ts";

/** A jsep node, with the index of its first character where the parser noted one. */
export type JsepNode = jsep.Expression & { start?: number };

/** The parts of jsep's parser class this module builds on (jsep types only its hooks' view of it). */
interface JsepParser {
  index: number;
  parse(): JsepNode;
  gobbleSpaces(): void;
  gobbleToken(): JsepNode | false;
  gobbleIdentifier(): JsepNode;
  gobbleBinaryOp(): string | false;
  throwError(message: string): never;
}

const { Jsep } = jsep as unknown as { Jsep: new (source: string) => JsepParser };

/**
 * jsep's parser, noting where each token starts so problems found later can name a column,
 * and refusing operators outside the language while the position is still known. A subclass
 * rather than `jsep.hooks`, whose registrations are global to the process.
 */
class PositionedParser extends Jsep {
  override gobbleToken(): JsepNode | false {
    this.gobbleSpaces();
    const start = this.index;
    const node = super.gobbleToken();
    if (node && node.start === undefined) node.start = start;
    return node;
  }

  override gobbleIdentifier(): JsepNode {
    const start = this.index;
    const node = super.gobbleIdentifier();
    node.start = start;
    return node;
  }

  override gobbleBinaryOp(): string | false {
    this.gobbleSpaces();
    const start = this.index;
    const operator = super.gobbleBinaryOp();
    if (operator && !isBinaryOperator(operator)) {
      this.index = start;
      this.throwError(`the operator "${operator}" is not supported`);
    }
    return operator;
  }
}

/** An error thrown while parsing: what is wrong and the index of the character at fault. */
export interface SyntaxProblem {
  description: string;
  index: number;
}

export function isSyntaxProblem(error: unknown): error is SyntaxProblem {
  return (
    error instanceof Error &&
    typeof (error as Partial<SyntaxProblem>).description === "string" &&
    typeof (error as Partial<SyntaxProblem>).index === "number"
  );
}

/** Throws a problem shaped like jsep's own errors, so both are reported the same way. */
export function syntaxProblem(description: string, index: number): never {
  throw Object.assign(new Error(`${description} at character ${index}`), { description, index });
}

/** Parses with jsep; throws a {@link SyntaxProblem}. */
export function parseJsep(source: string): JsepNode {
  return new PositionedParser(source).parse();
}
