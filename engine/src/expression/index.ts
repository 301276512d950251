/**
 * The flow expression language: a safe subset of JavaScript expressions for `condition` rules,
 * `set` values and a sales node's `qualify.when`, parsed with jsep and evaluated without `eval`.
 * @module
 */

export { evaluateExpression } from "./evaluate-expression.ts";
export { expressionRoots } from "./expression-roots.ts";
export { parseExpression } from "./parse-expression.ts";
