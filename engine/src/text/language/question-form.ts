import type { Language } from "./language.ts";

// The words a question starts with in each language, accents folded. People type questions on
// chat without a question mark ("qual o prazo de entrega", "how long does delivery take"); a
// company or a person is not named this way.
const OPENERS: Record<Language, RegExp> = {
  en: /^(?:what|what's|whats|how|when|where|why|which|who|whose|do|does|did|can|could|is|are|will|would|should|may|have you|has)(?![\p{L}'])/u,
  pt: /^(?:qual|quais|quanto|quanta|quantos|quantas|como|onde|aonde|quando|que|o que|oque|por que|porque|pq|tem|tem como|voces|vcs|vc|voce|pode|podem|posso|existe|ha|e possivel|aceita|aceitam|fazem|da pra|da para)(?![\p{L}])/u,
  es: /^(?:que|cual|cuales|cuanto|cuanta|cuantos|cuantas|como|donde|adonde|cuando|por que|porque|tienen|tiene|tienes|puedo|pueden|puede|hay|aceptan|hacen|es posible)(?![\p{L}])/u,
};

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
  const folded = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/^[\s¡"'“(]+/u, "");
  return OPENERS[language].test(folded);
}
