/**
 * The language-aware text pipeline of the local model: which language a message is in, and how
 * its words are normalized, stemmed and filtered in that language.
 * @module
 */
export {
  type DetectOptions,
  detectLanguage,
  type LanguageDetector,
  type LanguageGuess,
  loadLanguageDetector,
} from "./detect-language.ts";
export { isLanguage, LANGUAGES, type Language } from "./language.ts";
export { type TextAnalyzer, textAnalyzer } from "./text-analyzer.ts";
