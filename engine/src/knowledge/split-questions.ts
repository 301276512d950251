import type { Language } from "../text/language/language.ts";

// Where a second question starts: after a question mark, or at "and"/"e"/"y" followed by a word
// that opens a question ("… and can I pay monthly?", "… e posso pagar parcelado?").
const QUESTION_START: Record<Language, string> = {
  en: "can|could|do|does|did|is|are|how|what|what's|when|where|which|who|will|would|should|may|any",
  pt: "posso|pode|podem|voces|vocês|como|qual|quais|quanto|quantos|quando|onde|tem|têm|ha|há|aceita|aceitam|da|dá|é|existe",
  es: "puedo|puede|pueden|como|cómo|cual|cuál|cuales|cuáles|cuanto|cuánto|cuantos|cuándo|cuando|donde|dónde|tienen|hay|aceptan|se|es|existe",
};
const JOINER: Record<Language, string> = {
  en: "and|also|plus",
  pt: "e|tambem|também",
  es: "y|tambien|también",
};

const SPLITTERS = Object.fromEntries(
  (Object.keys(QUESTION_START) as Language[]).map((language) => [
    language,
    new RegExp(
      `\\?+\\s*|[,;]?\\s+(?:${JOINER[language]})\\s+(?=(?:${QUESTION_START[language]})(?![\\p{L}]))`,
      "giu",
    ),
  ]),
) as Record<Language, RegExp>;

// Parts shorter than this are fragments ("and?"), not questions.
const MIN_LENGTH = 8;

/**
 * The questions of a message that asks more than one: split after question marks and at "and"
 * (pt "e", es "y") when a question word follows. A message with one question comes back whole.
 *
 * @example
 * splitQuestions("How much is the cargo bike and can I pay monthly?", "en")
 * // ["How much is the cargo bike", "can I pay monthly"]
 */
export function splitQuestions(text: string, language: Language): string[] {
  const parts = text
    .split(SPLITTERS[language])
    .map((part) => part.trim())
    .filter((part) => part.length >= MIN_LENGTH);
  return parts.length > 1 ? parts : [text];
}
