import { FlowError } from "../../errors.ts";
import { compilePattern, type Pattern } from "../../text/compile-pattern.ts";
import type { Slot } from "./slot-reader.ts";

/**
 * Checks a value against the slot's `pattern`, `min` and `max` (a number's value, a text's
 * length) and says what is wrong in words the user understands, or returns null.
 *
 * @throws FlowError `invalid_flow` when the slot's pattern is not a regular expression.
 * @example
 * checkSlotValue({ name: "budget", kind: "budget", min: 1000, ... }, 500) // "that's less than the minimum of 1,000"
 */
export function checkSlotValue(slot: Slot, value: string | number): string | null {
  if (slot.pattern !== undefined && !patternOf(slot.name, slot.pattern).test(String(value)))
    return "that isn't in the format I need";
  if (typeof value === "number") {
    if (slot.min !== undefined && value < slot.min)
      return `that's less than the minimum of ${format(slot.min)}`;
    if (slot.max !== undefined && value > slot.max)
      return `that's more than the maximum of ${format(slot.max)}`;
    return null;
  }
  if (slot.min !== undefined && value.length < slot.min)
    return `that's too short (at least ${slot.min} characters)`;
  if (slot.max !== undefined && value.length > slot.max)
    return `that's too long (at most ${slot.max} characters)`;
  return null;
}

/** The slot's pattern on RE2 (linear time: the value is the user's text); the validator checks it. */
function patternOf(slotName: string, source: string): Pattern {
  const compiled = compilePattern(source);
  if (!compiled.ok)
    throw new FlowError(
      "invalid_flow",
      `Slot "${slotName}" has a pattern that cannot be used: ${compiled.problem}`,
    );
  return compiled.pattern;
}

function format(value: number): string {
  return value.toLocaleString("en-US");
}
