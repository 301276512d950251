import { type Language, perLanguage } from "./language.ts";

/**
 * The words a question opens with in each language, accents folded, as regular-expression
 * alternatives. People type questions on chat without a question mark ("qual o prazo de
 * entrega", "how long does delivery take"); a company or a person is not named this way.
 */
export const QUESTION_WORDS: Record<Language, string> = {
  en: "what|what's|whats|how|when|where|why|which|who|whose|do|does|did|can|could|is|are|will|would|should|may|any|have you|has",
  pt: "qual|quais|quanto|quanta|quantos|quantas|como|onde|aonde|quando|que|o que|oque|por que|porque|pq|tem|tem como|voces|vcs|vc|voce|pode|podem|posso|existe|ha|e possivel|aceita|aceitam|fazem|da pra|da para",
  es: "que|cual|cuales|cuanto|cuanta|cuantos|cuantas|como|donde|adonde|cuando|por que|porque|tienen|tiene|tienes|puedo|pueden|puede|se puede|hay|aceptan|hacen|es posible|existe",
};

const OPENERS = perLanguage(
  QUESTION_WORDS,
  (words) => new RegExp(`^(?:${words})(?![\\p{L}'])`, "u"),
);

/**
 * Lower case without accents, one character for each of the text's (in NFC, as typed), so that
 * offsets found in it hold in the original.
 *
 * @example
 * foldForMatching("Não É") // "nao e"
 */
export function foldForMatching(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * Whether a message is phrased as a question: a question mark ("…?", "¿…") or, in its language,
 * an opening question word ("qual o prazo de entrega").
 *
 * @example
 * isPhrasedAsQuestion("vcs entregam no Nordeste", "pt") // true
 * isPhrasedAsQuestion("Rapido Entregas", "pt")          // false
 */
export function isPhrasedAsQuestion(text: string, language: Language): boolean {
  if (/\?\s*$|^\s*¿/.test(text)) return true;
  return OPENERS[language].test(foldForMatching(text).replace(/^[\s¡"'“(]+/u, ""));
}
