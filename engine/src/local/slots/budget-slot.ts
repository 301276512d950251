import type { Language } from "../../text/language/language.ts";
import type { NumberEntity } from "../entities/recognize-entities.ts";
import { found, numbersIn, type SlotReader, textsOf } from "./slot-reader.ts";

// Words that tie an amount to the budget, per language.
const CUE: Record<Language, RegExp> = {
  en: /\b(?:budget|spend|spending|afford|invest|pay|price range|up to|max(?:imum)?)\b/i,
  pt: /(?<!\p{L})(?:or[cç]amento|verba|gastar|investir|pagar|at[eé]|m[aá]ximo|faixa de pre[cç]o)(?!\p{L})/iu,
  es: /(?<!\p{L})(?:presupuesto|gastar|invertir|pagar|hasta|m[aá]ximo|rango de precio)(?!\p{L})/iu,
};
// Counts of something else: "50 people", "3 months", "20%".
const NOT_MONEY: Record<Language, RegExp> = {
  en: /^\s*(?:%|percent|people|persons|employees|staff|users|seats|licen[cs]es|members|days?|weeks?|months?|years?|hours?|minutes?|times|bikes?|e-bikes?|x\b)/i,
  pt: /^\s*(?:%|por cento|pessoas|funcion[aá]rios|usu[aá]rios|dias?|semanas?|m[eê]s|meses|anos?|horas?|vezes|bicicletas?|bikes?)/iu,
  es: /^\s*(?:%|por ciento|personas|empleados|usuarios|d[ií]as?|semanas?|mes|meses|a[nñ]os?|horas?|veces|bicicletas?|bicis?)/iu,
};
const RANGE = /^\s*(?:-|–|to|and|a|e|y|at[eé]|hasta)\s*$/i;
// How far (in characters) an amount may stand from the cue: "budget is about 20k".
const NEAR = 24;

/**
 * Reads an amount of money as a number, in the message's language: "5k" → 5000, "$12,500" →
 * 12500, "vinte mil reais" → 20000, "quince mil euros" → 15000; for a range ("10-20k",
 * "between 10k and 20k") the lower end, a figure the lead can surely spend. Unprompted it needs
 * a currency or a cue ("budget 20k", "orçamento de 20 mil"); in answer to the question a bare
 * number will do.
 *
 * @example
 * readBudget("our budget is about €20k", slot, context) // { value: 20000, ... }
 */
export const readBudget: SlotReader = (text, _slot, context) => {
  const { asked, language } = context;
  const amounts = numbersIn(text, context).filter(
    (amount) => !NOT_MONEY[language].test(text.slice(amount.end)),
  );
  const cue = CUE[language].exec(text);
  const nearCue = cue ? amounts.filter((amount) => distance(amount, cue) <= NEAR) : [];
  const money = (list: NumberEntity[]) =>
    list.find((amount) => amount.currency || amount.multiplier > 1);
  const chosen =
    money(nearCue) ??
    nearCue[0] ??
    amounts.find((amount) => amount.currency) ??
    (asked ? (money(amounts) ?? amounts[0]) : undefined);
  if (!chosen) return asked ? { invalid: textsOf(context).problems.noAmount } : null;
  const [low, high] = rangeAround(text, amounts, chosen);
  // "10-20k": the multiplier written once applies to both ends.
  const value =
    low !== high && low.multiplier === 1 && !low.currency ? low.value * high.multiplier : low.value;
  return found(Math.round(value * 100) / 100, low.start, high.end);
};

function distance(amount: NumberEntity, cue: RegExpExecArray): number {
  const cueEnd = cue.index + cue[0].length;
  if (amount.start >= cueEnd) return amount.start - cueEnd;
  return amount.end <= cue.index ? cue.index - amount.end : 0;
}

// The ends of the range `chosen` belongs to ("10 to 20k"), or `chosen` alone.
function rangeAround(
  text: string,
  amounts: NumberEntity[],
  chosen: NumberEntity,
): [NumberEntity, NumberEntity] {
  const index = amounts.indexOf(chosen);
  const joined = (a: NumberEntity | undefined, b: NumberEntity | undefined) =>
    a !== undefined && b !== undefined && RANGE.test(text.slice(a.end, b.start));
  const previous = amounts[index - 1];
  const next = amounts[index + 1];
  if (previous && joined(previous, chosen)) return [previous, chosen];
  if (next && joined(chosen, next)) return [chosen, next];
  return [chosen, chosen];
}
