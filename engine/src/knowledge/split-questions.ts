import { type Language, perLanguage } from "../text/language/language.ts";
import { foldForMatching, QUESTION_WORDS } from "../text/language/question-form.ts";

// Where a second question starts: after a question mark, or at "and"/"e"/"y" followed by a word
// that opens a question ("… and can I pay monthly?", "… e posso pagar parcelado?").
const JOINER: Record<Language, string> = {
  en: "and|also|plus",
  pt: "e|tambem",
  es: "y|tambien",
};

const SPLITTERS = perLanguage(
  QUESTION_WORDS,
  (words, language) =>
    new RegExp(`\\?+\\s*|[,;]?\\s+(?:${JOINER[language]})\\s+(?=(?:${words})(?![\\p{L}]))`, "gu"),
);

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
  const folded = foldForMatching(text);
  // Found in the folded text, cut in the original: folding keeps one character per character.
  const source = folded.length === text.length ? text : folded;
  const parts: string[] = [];
  let start = 0;
  for (const match of folded.matchAll(SPLITTERS[language])) {
    parts.push(source.slice(start, match.index));
    start = match.index + match[0].length;
  }
  parts.push(source.slice(start));
  const questions = parts.map((part) => part.trim()).filter((part) => part.length >= MIN_LENGTH);
  return questions.length > 1 ? questions : [text];
}
