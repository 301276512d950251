import { processSearchTerm, tokenizeText } from "../../text/search-terms.ts";
import type { NumberEntity } from "../entities/recognize-entities.ts";
import {
  found,
  numbersIn,
  type Slot,
  type SlotReader,
  type SlotValue,
  textsOf,
} from "./slot-reader.ts";

/**
 * Reads a number, digits or words in the message's language ("about 25", "twelve", "oito",
 * "veinticinco"). A number followed by one of the slot's `units` ("25 bikes", "8 delivery
 * e-bikes") is read first, so "looking 4 fleet pricing for 25 bikes" gives 25; otherwise, in
 * answer to the question, the first number; unprompted, only a number next to a word from the
 * slot's name ("a team of 12" for `team_size`) or one of its units.
 *
 * @example
 * readNumber("we're a team of 12", { name: "team_size", ... }, context) // { value: 12, ... }
 */
export const readNumber: SlotReader = (text, slot, context) => {
  const numbers = numbersIn(text, context).filter((number) => !number.currency);
  const reading =
    countOf(text, numbers, unitTerms(slot)) ??
    (context.asked ? firstOf(numbers) : namedNumber(text, numbers, slotTerms(slot.name)));
  if (reading || !context.asked) return reading;
  return { invalid: textsOf(context).problems.notNumber };
};

function firstOf(numbers: NumberEntity[]): SlotValue | null {
  const [first] = numbers;
  return first ? found(first.value, first.start, first.end) : null;
}

// How far after a number its unit may stand: "8 delivery e-bikes", "10 bicicletas elétricas".
const UNIT_REACH = 3;

function countOf(text: string, numbers: NumberEntity[], units: Set<string>): SlotValue | null {
  if (units.size === 0) return null;
  for (const number of numbers) {
    const after = tokenizeText(text.slice(number.end)).slice(0, UNIT_REACH);
    if (after.some((word) => units.has(processSearchTerm(word) ?? ""))) {
      return found(number.value, number.start, number.end);
    }
  }
  return null;
}

function namedNumber(text: string, numbers: NumberEntity[], terms: Set<string>): SlotValue | null {
  for (const number of numbers) {
    const before = tokenizeText(text.slice(0, number.start)).slice(-3);
    const after = tokenizeText(text.slice(number.end)).slice(0, 2);
    if ([...before, ...after].some((word) => terms.has(processSearchTerm(word) ?? ""))) {
      return found(number.value, number.start, number.end);
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

// "e-bikes" is searched as "ebike"; the units as search terms.
function unitTerms(slot: Slot): Set<string> {
  return new Set(
    (slot.units ?? []).flatMap((unit) =>
      tokenizeText(unit).flatMap((word) => processSearchTerm(word) ?? []),
    ),
  );
}
