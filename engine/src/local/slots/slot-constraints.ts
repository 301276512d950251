import { FlowError } from "../../errors.ts";
import { compilePattern, type Pattern } from "../../text/compile-pattern.ts";
import type { Language } from "../../text/language/language.ts";
import { formatNumber, localTexts } from "../local-texts.ts";
import type { Slot } from "./slot-reader.ts";

/**
 * Checks a value against the slot's `pattern`, `min` and `max` (a number's value, a text's
 * length) and says what is wrong, naming the slot, in the user's language; or returns null.
 *
 * @throws FlowError `invalid_flow` when the slot's pattern is not a regular expression.
 * @example
 * checkSlotValue({ name: "budget", kind: "budget", min: 1000, ... }, 500, "en") // "the budget must be at least 1,000"
 */
export function checkSlotValue(
  slot: Slot,
  value: string | number,
  language: Language = "en",
): string | null {
  const { problems } = localTexts[language];
  const noun = nounOf(slot, language);
  if (slot.pattern !== undefined && !patternOf(slot.name, slot.pattern).test(String(value)))
    return problems.badFormat(noun);
  if (typeof value === "number") {
    if (slot.min !== undefined && value < slot.min)
      return problems.below(noun, formatNumber(slot.min, language));
    if (slot.max !== undefined && value > slot.max)
      return problems.above(noun, formatNumber(slot.max, language));
    return null;
  }
  if (slot.min !== undefined && value.length < slot.min) return problems.tooShort(noun, slot.min);
  if (slot.max !== undefined && value.length > slot.max) return problems.tooLong(noun, slot.max);
  return null;
}

// The kinds that say what they hold name themselves ("the budget"); a number, a choice or a
// text is named after the slot ("the fleet size").
function nounOf(slot: Slot, language: Language): string {
  if (!["number", "choice", "text"].includes(slot.kind))
    return localTexts[language].nouns[slot.kind];
  const words = slot.name
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase();
  return language === "en" ? `the ${words}` : words;
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
