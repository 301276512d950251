/** A number found in text, with what surrounds it. */
export interface Amount {
  value: number;
  start: number;
  end: number;
  /** Written with a currency sign, code or word ("$", "EUR", "dollars"). */
  currency: boolean;
  /** The multiplier written after it ("k", "thousand", "m"), 1 when none. */
  multiplier: number;
}

const MULTIPLIERS: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  grand: 1e3,
  m: 1e6,
  mm: 1e6,
  mil: 1e6,
  million: 1e6,
  bn: 1e9,
  billion: 1e9,
};

// "$", "EUR " before the number; "k", "thousand" and "dollars", "€" after it. A number is
// thousands-separated when every group after the first has three digits ("12,500", "12.500").
const CURRENCY_BEFORE = String.raw`([$€£]\s?|(?:usd|eur|gbp)\s?)?`;
const DIGITS = String.raw`(\d{1,3}(?:([,.' ])\d{3}(?!\d))(?:\3\d{3}(?!\d))*(?:[.,]\d+)?|\d+(?:[.,]\d+)?)`;
const MULTIPLIER = String.raw`(?:\s?(k|mm|m|bn|thousand|grand|million|mil|billion)\b)?`;
const CURRENCY_AFTER = String.raw`(?:\s?([$€£]|(?:usd|eur|gbp|dollars?|euros?|pounds?|bucks)\b))?`;
const AMOUNT = new RegExp(
  String.raw`(?<![\p{L}\p{N}.,])${CURRENCY_BEFORE}${DIGITS}${MULTIPLIER}${CURRENCY_AFTER}`,
  "giu",
);

/**
 * Every amount in the text, in order: "$12,500" → 12500, "5k" → 5000, "1.5m" → 1500000,
 * "10 thousand dollars" → 10000, "12.500 €" → 12500 (a group of three digits after the
 * separator means thousands).
 *
 * @example
 * findAmounts("around $5k")[0] // { value: 5000, start: 7, end: 10, currency: true, multiplier: 1000 }
 */
export function findAmounts(text: string): Amount[] {
  return [...text.matchAll(AMOUNT)].map((match) => {
    const [all, before, digits = "", separator, unit, after] = match;
    const multiplier = unit ? (MULTIPLIERS[unit.toLowerCase()] ?? 1) : 1;
    const trimmed = all.trimEnd();
    return {
      value: parseDigits(digits, separator) * multiplier,
      start: match.index,
      end: match.index + trimmed.length,
      currency: before !== undefined || after !== undefined,
      multiplier,
    };
  });
}

function parseDigits(digits: string, thousands: string | undefined): number {
  if (thousands === undefined) return Number(digits.replace(",", "."));
  const [whole = "", fraction] = digits.split(thousands === "." ? "," : ".");
  return Number(
    `${whole.replaceAll(thousands, "")}${fraction === undefined ? "" : `.${fraction}`}`,
  );
}
