/// <reference path="./nlpjs-lang.d.ts" />
import { StemmerEn, StopwordsEn } from "@nlpjs/lang-en";
import { StemmerEs, StopwordsEs } from "@nlpjs/lang-es";
import { StemmerPt, StopwordsPt } from "@nlpjs/lang-pt";
import { foldText } from "../search-terms.ts";
import { spellOut } from "./chat-spellings.ts";
import type { Language } from "./language.ts";

/** Language-aware text analysis: the same steps for every language, each with its own rules. */
export interface TextAnalyzer {
  readonly language: Language;
  /** Lower-cases and folds accents ("Não é" → "nao e"); English contractions are expanded. */
  normalize(text: string): string;
  /** Normalized words (letters and digits), in order. */
  tokenize(text: string): string[];
  /** The stem of one normalized word ("cancelamento" → "cancel", "refunds" → "refund"). */
  stem(word: string): string;
  /** Whether a normalized word is a function word of the language ("de", "the", "el"). */
  isStopword(word: string): boolean;
  /**
   * The stems of a text's words, in order: what a classifier or an index should see.
   * Stop words are kept unless `dropStopwords` is set: "what time" and "where" tell intents apart.
   */
  terms(text: string, options?: { dropStopwords?: boolean }): string[];
}

const WORD = /[\p{L}\p{N}]+/gu;

interface LanguageRules {
  stemmer: { stem(word: string): string };
  stopwords: { dictionary: Record<string, unknown> };
  normalize(text: string): string;
}

// NLP.js's normalizers are exactly this fold; its Spanish and Portuguese stemmers expect the
// folded form, which is also how most customers type.
function foldAccents(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

function rulesOf(language: Language): LanguageRules {
  switch (language) {
    case "en":
      return { stemmer: new StemmerEn(), stopwords: new StopwordsEn(), normalize: foldText };
    case "pt":
      return { stemmer: new StemmerPt(), stopwords: new StopwordsPt(), normalize: foldAccents };
    case "es":
      return { stemmer: new StemmerEs(), stopwords: new StopwordsEs(), normalize: foldAccents };
  }
}

// Stemming is the costliest step and words repeat a lot: each analyzer remembers this many stems.
const STEM_CACHE = 50_000;

function createAnalyzer(language: Language): TextAnalyzer {
  const rules = rulesOf(language);
  const stems = new Map<string, string>();
  const stem = (word: string): string => {
    // Digits and one-letter words have no inflection to strip.
    if (word.length < 3 || /\d/.test(word)) return word;
    let stemmed = stems.get(word);
    if (stemmed === undefined) {
      stemmed = rules.stemmer.stem(word);
      if (stems.size >= STEM_CACHE) stems.clear();
      stems.set(word, stemmed);
    }
    return stemmed;
  };
  // NLP.js lists stop words with their accents; customers often type them without.
  const stopwords = new Set(Object.keys(rules.stopwords.dictionary).map(foldAccents));
  const analyzer: TextAnalyzer = {
    language,
    normalize: rules.normalize,
    tokenize: (text) => spellOut(rules.normalize(text).match(WORD) ?? [], language),
    stem,
    isStopword: (word) => stopwords.has(word),
    terms(text, options) {
      const words = analyzer.tokenize(text);
      const kept = options?.dropStopwords ? words.filter((w) => !analyzer.isStopword(w)) : words;
      return kept.map(analyzer.stem);
    },
  };
  return analyzer;
}

const analyzers = new Map<Language, TextAnalyzer>();

/**
 * The text analyzer of a language (one shared instance each).
 *
 * @example
 * textAnalyzer("pt").terms("Não recebi meus pedidos") // ["nao", "receb", "meu", "ped"]
 * textAnalyzer("es").terms("¿Dónde está mi pedido?", { dropStopwords: true }) // ["esta", "ped"]
 */
export function textAnalyzer(language: Language): TextAnalyzer {
  let analyzer = analyzers.get(language);
  if (!analyzer) {
    analyzer = createAnalyzer(language);
    analyzers.set(language, analyzer);
  }
  return analyzer;
}
