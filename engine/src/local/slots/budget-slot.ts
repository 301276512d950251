import { type Amount, findAmounts } from "./amounts.ts";
import { found, type SlotReader } from "./slot-reader.ts";

const CUE = /\b(?:budget|spend|spending|afford|invest|pay|price range|up to|max(?:imum)?)\b/i;
// Counts of something else: "50 people", "3 months", "20%".
const NOT_MONEY =
  /^\s*(?:%|percent|people|persons|employees|staff|users|seats|licen[cs]es|members|days?|weeks?|months?|years?|hours?|minutes?|times|x\b)/i;
const RANGE = /^\s*(?:-|–|to|and)\s*$/i;
// How far (in characters) an amount may stand from the cue: "budget is about 20k".
const NEAR = 24;

/**
 * Reads an amount of money as a number: "5k" → 5000, "$12,500" → 12500, "around 10 thousand
 * dollars" → 10000; for a range ("10-20k", "between 10k and 20k") the lower end, a figure the
 * lead can surely spend. Unprompted it needs a currency or a cue ("budget 20k"); in answer to the
 * question a bare number will do.
 *
 * @example
 * readBudget("our budget is about €20k", slot, context) // { value: 20000, ... }
 */
export const readBudget: SlotReader = (text, _slot, { asked }) => {
  const amounts = findAmounts(text).filter((amount) => !NOT_MONEY.test(text.slice(amount.end)));
  const cue = CUE.exec(text);
  const nearCue = cue ? amounts.filter((amount) => distance(amount, cue) <= NEAR) : [];
  const money = (list: Amount[]) => list.find((amount) => amount.currency || amount.multiplier > 1);
  const chosen =
    money(nearCue) ??
    nearCue[0] ??
    amounts.find((amount) => amount.currency) ??
    (asked ? (money(amounts) ?? amounts[0]) : undefined);
  if (!chosen) {
    return asked
      ? { invalid: "I couldn't find an amount in that; a rough figure like $5,000 or 20k is fine" }
      : null;
  }
  const [low, high] = rangeAround(text, amounts, chosen);
  // "10-20k": the multiplier written once applies to both ends.
  const value = low !== high && low.multiplier === 1 ? low.value * high.multiplier : low.value;
  return found(Math.round(value * 100) / 100, low.start, high.end);
};

function distance(amount: Amount, cue: RegExpExecArray): number {
  const cueEnd = cue.index + cue[0].length;
  if (amount.start >= cueEnd) return amount.start - cueEnd;
  return amount.end <= cue.index ? cue.index - amount.end : 0;
}

// The ends of the range `chosen` belongs to ("10 to 20k"), or `chosen` alone.
function rangeAround(text: string, amounts: Amount[], chosen: Amount): [Amount, Amount] {
  const index = amounts.indexOf(chosen);
  const joined = (a: Amount | undefined, b: Amount | undefined) =>
    a !== undefined && b !== undefined && RANGE.test(text.slice(a.end, b.start));
  const previous = amounts[index - 1];
  const next = amounts[index + 1];
  if (previous && joined(previous, chosen)) return [previous, chosen];
  if (next && joined(chosen, next)) return [chosen, next];
  return [chosen, chosen];
}
