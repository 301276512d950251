import type { ConfigOf } from "../../schema/flow.ts";
import type { Language } from "../../text/language/language.ts";
import { findNumbers, type NumberEntity } from "../entities/recognize-entities.ts";
import { type LocalTexts, localTexts } from "../local-texts.ts";

/** One slot of a `sales` node: what to collect, how it is recognised and validated. */
export type Slot = ConfigOf<"sales">["slots"][number];
export type SlotKind = Slot["kind"];

/** A value a reader found and where it stands in the text. */
export interface SlotValue {
  value: string | number;
  start: number;
  end: number;
}

/** What a reader found, or why the answer is unusable, or null when the text doesn't say. */
type SlotReading = SlotValue | { invalid: string } | null;

interface SlotContext {
  /** Whether the user is answering this slot's question: readers then accept bare answers. */
  asked: boolean;
  /** The day relative dates ("by summer") count from. */
  today: Date;
  /** The message as the user wrote it; readers get it with other slots' values blanked out. */
  original: string;
  /** The language of the message: entities, cues and the reasons given follow it. */
  language: Language;
}

/**
 * The numbers and amounts still unread in `text` (the message with other slots' values blanked
 * out), recognised once per message.
 *
 * @example
 * numbersIn("budget 20k", context) // [{ value: 20000, currency: false, multiplier: 1000, ... }]
 */
export function numbersIn(text: string, context: SlotContext): NumberEntity[] {
  return findNumbers(context.original, context.language).filter(
    (number) =>
      text.slice(number.start, number.end) === context.original.slice(number.start, number.end),
  );
}

/**
 * The engine's texts in the context's language.
 *
 * @example
 * textsOf(context).problems.notEmail // "that doesn't look like an email address"
 */
export function textsOf(context: SlotContext): LocalTexts {
  return localTexts[context.language];
}

/**
 * Recognises one kind of slot in a message. Returns `null` when the message does not mention
 * it; `{ invalid }` only when the slot was asked for and the answer can't be used.
 */
export type SlotReader = (text: string, slot: Slot, context: SlotContext) => SlotReading;

/**
 * A reading of `value` found between `start` and `end` of the text.
 *
 * @example
 * found("ana@acme.io", 12, 23) // { value: "ana@acme.io", start: 12, end: 23 }
 */
export function found(value: string | number, start: number, end: number): SlotValue {
  return { value, start, end };
}

/**
 * The first clause of an answer ("Acme, and my email is …" → "Acme"), the part that answers
 * a question when people add more after it.
 *
 * @example
 * firstClause("  Acme Corp, and you?") // { text: "Acme Corp", start: 2 }
 */
export function firstClause(text: string): { text: string; start: number } {
  const match = /[^\s,;!?]/.exec(text);
  if (!match) return { text: "", start: text.length };
  const rest = text.slice(match.index);
  const end = rest.search(/\s*(?:[,;!?]|\.(?:\s|$)|\s[-–—]\s|\s(?:and|but|so|because)\s)/i);
  return { text: (end === -1 ? rest : rest.slice(0, end)).trim(), start: match.index };
}

/**
 * Lower case without accents, for comparing words.
 *
 * @example
 * foldWord("Crème") // "creme"
 */
export function foldWord(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}
