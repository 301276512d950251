import {
  Culture,
  recognizeCurrency,
  recognizeDateTime,
  recognizeEmail,
  recognizeNumber,
} from "@microsoft/recognizers-text-suite";
import type { Language } from "../../text/language/language.ts";
import { portugueseDateBridge } from "./portuguese-date-bridge.ts";

/**
 * The entities of a message, found by Microsoft's Recognizers-Text (numbers and number words,
 * amounts with a currency, dates and durations, emails) in the message's language. Offsets are
 * `[start, end)` into the text as given.
 * @module
 */

type ModelResult = ReturnType<typeof recognizeNumber>[number];

const CULTURES: Record<Language, string> = {
  en: Culture.English,
  pt: Culture.Portuguese,
  es: Culture.Spanish,
};

/** An entity found in text: its resolved value and where it stands. */
export interface Entity<Value> {
  value: Value;
  start: number;
  end: number;
  text: string;
}

/** A number, with how it was written. */
export interface NumberEntity extends Entity<number> {
  /** Written with a currency sign, code or word ("$", "EUR", "reais"). */
  currency: boolean;
  /** The scale written after digits ("k", "thousand", "mil"): 1000 for "20k", 1 when none. */
  multiplier: number;
}

// Recognizers-Text ends are inclusive.
function entityOf<Value>(result: ModelResult, value: Value): Entity<Value> {
  return { value, start: result.start, end: result.end + 1, text: result.text };
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Every number and amount of money in the text, in order: "$12,500" → 12500, "5k" → 5000,
 * "vinte mil reais" → 20000, "veinticinco" → 25. An amount with a currency replaces the bare
 * number inside it.
 *
 * @example
 * findNumbers("budget of $25", "en")[0] // { value: 25, start: 10, end: 13, currency: true, multiplier: 1, ... }
 */
export function findNumbers(text: string, language: Language): NumberEntity[] {
  const key = `${language}\u0000${text}`;
  const known = recentNumbers.get(key);
  if (known) return known;
  const numbers = recognizeNumbers(text, language);
  recentNumbers.set(key, numbers);
  if (recentNumbers.size > RECENT)
    recentNumbers.delete(recentNumbers.keys().next().value as string);
  return numbers;
}

// Several slot readers look at the numbers of one message: the last few messages' are kept.
const RECENT = 16;
const recentNumbers = new Map<string, NumberEntity[]>();

function recognizeNumbers(text: string, language: Language): NumberEntity[] {
  const culture = CULTURES[language];
  const money = recognizeCurrency(text, culture).flatMap((result): NumberEntity[] => {
    const value = Number(result.resolution?.value);
    if (!Number.isFinite(value) || result.resolution?.value == null) return [];
    return [
      { ...entityOf(result, value), currency: true, multiplier: multiplierOf(result.text, value) },
    ];
  });
  const numbers = recognizeNumber(text, culture).flatMap((result): NumberEntity[] => {
    const value = Number(result.resolution?.value);
    const entity = entityOf(result, value);
    if (!Number.isFinite(value) || money.some((amount) => overlaps(amount, entity))) return [];
    return [{ ...entity, currency: false, multiplier: multiplierOf(result.text, value) }];
  });
  return [...money, ...numbers].sort((a, b) => a.start - b.start);
}

// "20k" → 1000, "1,5 mil" → 1000, "12,500" → 1: the value over the digits as written.
function multiplierOf(text: string, value: number): number {
  const digits = /\d+(?:[.,]\d+)*/.exec(text)?.[0];
  if (!digits || !/\p{L}/u.test(text.replace(/^[\p{L}$€£\s]*(?=\d)/u, ""))) return 1;
  const written = Number(digits.replace(/[.,](?=\d{3}\b)/g, "").replace(",", "."));
  if (!written) return 1;
  return 10 ** Math.round(Math.log10(value / written));
}

/** A date or duration, as the number of days from `today` until it. */
export type WhenEntity = Entity<number>;

const DAY_SECONDS = 86_400;
const DAY_MS = DAY_SECONDS * 1000;

/**
 * Dates and durations in the text, each as the days from `today` until it: "in two weeks" → 14,
 * "daqui a duas semanas" → 14, "el próximo viernes" → days until that Friday, a period ("next
 * month", "by September") → days until it ends. Portuguese goes through the Spanish date model (see
 * `portugueseDateBridge`): Recognizers-Text's JavaScript release has no Portuguese dates.
 *
 * @example
 * findWhen("in two weeks", "en", today)[0].value // 14
 */
export function findWhen(text: string, language: Language, today: Date): WhenEntity[] {
  const bridged = language === "pt" ? portugueseDateBridge(text) : null;
  const source = bridged ? bridged.text : text;
  const culture = language === "pt" ? Culture.Spanish : CULTURES[language];
  return recognizeDateTime(source, culture, undefined, today).flatMap((result): WhenEntity[] => {
    const days = daysAhead(result, today);
    if (days === null) return [];
    const entity = entityOf(result, days);
    return [bridged ? { ...entity, ...bridged.original(entity) } : entity];
  });
}

interface DateValue {
  type?: string;
  value?: string;
  start?: string;
  end?: string;
  Mod?: string;
}

// The first resolution that lies ahead (a month without a year resolves to last and next year).
function daysAhead(result: ModelResult, today: Date): number | null {
  const values = (result.resolution?.values ?? []) as DateValue[];
  for (const value of values) {
    if (value.type === "duration" && value.value) return Number(value.value) / DAY_SECONDS;
    // A period counts until it ends: bikes wanted "next month" are wanted by its end.
    const date = value.type === "daterange" ? (value.end ?? value.start) : value.value;
    if (!date || value.type === "time" || value.type === "timerange") continue;
    const days = (new Date(date.replace(" ", "T")).getTime() - startOfDay(today)) / DAY_MS;
    if (Number.isFinite(days) && days >= -1) return Math.max(0, Math.round(days));
  }
  return null;
}

function startOfDay(day: Date): number {
  return new Date(day.getFullYear(), day.getMonth(), day.getDate()).getTime();
}

/**
 * Email addresses in the text, lower-cased.
 *
 * @example
 * findEmails("mail Ana@Acme.io", "en")[0].value // "ana@acme.io"
 */
export function findEmails(text: string, language: Language): Entity<string>[] {
  return recognizeEmail(text, CULTURES[language]).map((result) =>
    entityOf(result, String(result.resolution?.value ?? result.text).toLowerCase()),
  );
}

const warmed = new Set<Language>();

/**
 * Builds the recognizers of each language once, ahead of the first message: Recognizers-Text
 * compiles its models on a language's first call (a few hundred milliseconds), which would
 * otherwise fall on a user's turn. Later calls return at once.
 *
 * @example
 * warmEntityRecognizers(["pt", "es"]);
 */
export function warmEntityRecognizers(languages: readonly Language[]): void {
  for (const language of languages) {
    if (warmed.has(language)) continue;
    warmed.add(language);
    const sample = "1 k, ana@example.com";
    findNumbers(sample, language);
    findWhen(sample, language, new Date());
    findEmails(sample, language);
  }
}
