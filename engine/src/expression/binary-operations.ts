import type { BinaryOperator } from "./expression-ast.ts";
import { finite, toNumber, toText } from "./expression-values.ts";

/**
 * `==` as flow authors mean it: strict equality, except that null and a missing value are
 * equal, and a number equals the string that spells it (slot values often arrive as text).
 */
function looselyEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if ((left === undefined || left === null) && (right === undefined || right === null)) return true;
  if (typeof left === "number" && typeof right === "string") return toNumber(right) === left;
  if (typeof left === "string" && typeof right === "number") return toNumber(left) === right;
  return false;
}

/** Strings compare as text, everything else as numbers; a value without a number compares false. */
function compare(left: unknown, right: unknown, test: (order: number) => boolean): boolean {
  if (typeof left === "string" && typeof right === "string") {
    return test(left < right ? -1 : left > right ? 1 : 0);
  }
  const a = toNumber(left);
  const b = toNumber(right);
  return a !== undefined && b !== undefined && test(a - b);
}

function arithmetic(
  left: unknown,
  right: unknown,
  operate: (a: number, b: number) => number,
): number | undefined {
  const a = toNumber(left);
  const b = toNumber(right);
  return a === undefined || b === undefined ? undefined : finite(operate(a, b));
}

type Operation = (left: unknown, right: unknown) => unknown;

/** Every binary operator but the short-circuiting `&&` and `||`, which the evaluator handles. */
export const binaryOperations: Record<Exclude<BinaryOperator, "&&" | "||">, Operation> = {
  "==": looselyEqual,
  "!=": (left, right) => !looselyEqual(left, right),
  "===": (left, right) => left === right,
  "!==": (left, right) => left !== right,
  "<": (left, right) => compare(left, right, (order) => order < 0),
  "<=": (left, right) => compare(left, right, (order) => order <= 0),
  ">": (left, right) => compare(left, right, (order) => order > 0),
  ">=": (left, right) => compare(left, right, (order) => order >= 0),
  "+": (left, right) =>
    typeof left === "string" || typeof right === "string"
      ? toText(left) + toText(right)
      : arithmetic(left, right, (a, b) => a + b),
  "-": (left, right) => arithmetic(left, right, (a, b) => a - b),
  "*": (left, right) => arithmetic(left, right, (a, b) => a * b),
  "/": (left, right) => arithmetic(left, right, (a, b) => a / b),
  "%": (left, right) => arithmetic(left, right, (a, b) => a % b),
};
