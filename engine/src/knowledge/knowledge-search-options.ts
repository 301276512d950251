import type { Options } from "minisearch";
import { type Language, textAnalyzer } from "../text/language/index.ts";
import { processSearchTerm, searchTermsOf, tokenizeText } from "../text/search-terms.ts";
import { textSearchOptions } from "../text/text-search-options.ts";

/** How a knowledge base in one language is tokenised, stemmed and searched. */
export interface KnowledgeSearchOptions {
  options: Partial<Options>;
  /** The search terms of a text, as the index sees them (for coverage scores). */
  termsOf: (text: string) => string[];
  /** Every word of a text, stop words included ("where", "how much"), each stemmed as a term is. */
  wordsOf: (text: string) => string[];
}

/**
 * The search options for a knowledge base written in `language`: English keeps the tuned
 * analysis of `text-search-options`; Portuguese and Spanish use NLP.js's stemmers and stop words
 * through the text pipeline, accent-insensitive ("devolução" and "devolucao" meet), with the
 * same typo tolerance and prefix matching.
 *
 * @example
 * knowledgeSearchOptions("pt").termsOf("Qual o prazo de devolução?") // ["praz", "devoluca"]
 */
export function knowledgeSearchOptions(language: Language): KnowledgeSearchOptions {
  if (language === "en") {
    return {
      options: textSearchOptions,
      termsOf: searchTermsOf,
      wordsOf: (text) => tokenizeText(text).map((word) => processSearchTerm(word) ?? word),
    };
  }
  const analyzer = textAnalyzer(language);
  const processTerm = (word: string) => {
    const term = analyzer.normalize(word);
    return term.length < 2 || analyzer.isStopword(term) ? null : analyzer.stem(term);
  };
  return {
    options: {
      tokenize: analyzer.tokenize,
      processTerm,
      searchOptions: {
        ...textSearchOptions.searchOptions,
        tokenize: analyzer.tokenize,
        processTerm,
      },
    },
    termsOf: (text) => analyzer.terms(text, { dropStopwords: true }).filter((t) => t.length >= 2),
    wordsOf: (text) => analyzer.terms(text),
  };
}
