import { compilePattern } from "../text/compile-pattern.ts";
import { toNumber, toText } from "./expression-values.ts";

/** A function callable from expressions: a fixed number of arguments, never throws. */
export interface ExpressionFunction {
  arity: number;
  apply: (...args: unknown[]) => unknown;
}

/** `matches()`'s test: case-insensitive, linear-time; an invalid pattern never matches. */
function matches(text: unknown, pattern: unknown): boolean {
  if (typeof pattern !== "string") return false;
  const compiled = compilePattern(pattern, { ignoreCase: true });
  return compiled.ok && compiled.pattern.test(toText(text));
}

function contains(haystack: unknown, needle: unknown): boolean {
  if (needle === undefined || needle === null) return false;
  if (typeof haystack === "string")
    return haystack.toLowerCase().includes(toText(needle).toLowerCase());
  if (!Array.isArray(haystack)) return false;
  // Case-insensitive membership too, so `contains(tags, 'VIP')` reads like the string form.
  const wanted = typeof needle === "string" ? needle.toLowerCase() : needle;
  return haystack.some((item) => (typeof item === "string" ? item.toLowerCase() : item) === wanted);
}

function len(value: unknown): number {
  if (typeof value === "string" || Array.isArray(value)) return value.length;
  if (value !== null && typeof value === "object") return Object.keys(value).length;
  return 0;
}

/**
 * The only functions an expression may call.
 *
 * @example
 * expressionFunctions.contains.apply("Refund please", "refund") // true
 */
export const expressionFunctions = {
  /** Case-insensitive substring test for strings, membership for arrays. */
  contains: { arity: 2, apply: contains },
  lower: { arity: 1, apply: (value) => toText(value).toLowerCase() },
  upper: { arity: 1, apply: (value) => toText(value).toUpperCase() },
  /** Length of a string or array, number of keys of an object, else 0. */
  len: { arity: 1, apply: len },
  /**
   * Case-insensitive regular expression test, like the simulations' `matches`. The pattern is a
   * quoted text in the flow (the parser refuses anything else) and runs on RE2, in linear time.
   */
  matches: { arity: 2, apply: matches },
  /** A number from a number, numeric string or boolean; undefined otherwise. */
  number: { arity: 1, apply: toNumber },
  /** Whether a value is present (neither undefined nor null). */
  exists: { arity: 1, apply: (value) => value !== undefined && value !== null },
} satisfies Record<string, ExpressionFunction>;

export type FunctionName = keyof typeof expressionFunctions;

export const functionNames = Object.keys(expressionFunctions) as FunctionName[];

export function isFunctionName(name: string): name is FunctionName {
  return Object.hasOwn(expressionFunctions, name);
}
