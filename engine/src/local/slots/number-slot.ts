import { processSearchTerm, tokenizeText } from "../../text/search-terms.ts";
import { findAmounts } from "./amounts.ts";
import { findNumberWord, numberWordValue } from "./number-words.ts";
import { found, type SlotReader, type SlotValue } from "./slot-reader.ts";

/**
 * Reads a number. In answer to the question, the first number in the message, digits or words
 * ("about 25", "1.5k", "twelve"); unprompted, only a number next to a word from the slot's
 * name ("we have 40 employees" for a slot named `employees`, "a team of 12" for `team_size`).
 *
 * @example
 * readNumber("we're a team of 12", { name: "team_size", ... }, context) // { value: 12, ... }
 */
export const readNumber: SlotReader = (text, slot, { asked }) => {
  if (asked) {
    const [first] = findAmounts(text);
    const word = findNumberWord(text);
    if (first && (!word || first.start <= word.index)) {
      return found(first.value, first.start, first.end);
    }
    if (word) return found(numberWordValue(word.words), word.index, word.index + word.words.length);
    return { invalid: "that doesn't look like a number" };
  }
  return readNamedNumber(text, slotTerms(slot.name));
};

function readNamedNumber(text: string, terms: Set<string>): SlotValue | null {
  for (const amount of findAmounts(text)) {
    const before = tokenizeText(text.slice(0, amount.start)).slice(-3);
    const after = tokenizeText(text.slice(amount.end)).slice(0, 2);
    if ([...before, ...after].some((word) => terms.has(processSearchTerm(word) ?? ""))) {
      return found(amount.value, amount.start, amount.end);
    }
  }
  return null;
}

// Words that name no particular quantity, so they can't tie a number to the slot.
const GENERIC = new Set(["number", "num", "count", "amount", "total", "value"]);

// "team_size" → {"team", "size"}, "numberOfSeats" → {"seat"}, matched as search terms.
function slotTerms(name: string): Set<string> {
  const words = name.replace(/([a-z])([A-Z])/g, "$1 $2").split(/[\s_-]+/);
  return new Set(
    words.flatMap((word) => processSearchTerm(word) ?? []).filter((term) => !GENERIC.has(term)),
  );
}
