import type { Options } from "minisearch";
import { indexTermsOf, processSearchTerm, tokenizeDocument, tokenizeText } from "./search-terms.ts";

/**
 * MiniSearch options shared by every index of the local model: documents and queries go
 * through the same analysis, and query terms are matched with a typo tolerance of 20% of their
 * length from four letters on (shorter words have too many neighbours one edit away) and as
 * prefixes from three letters on ("pay" finds "payment").
 *
 * @example
 * new MiniSearch({ ...textSearchOptions, fields: ["text"] })
 */
export const textSearchOptions = {
  tokenize: tokenizeDocument,
  processTerm: indexTermsOf,
  searchOptions: {
    tokenize: tokenizeText,
    processTerm: processSearchTerm,
    fuzzy: (term: string) => (term.length >= 4 ? 0.2 : false),
    prefix: (term: string) => term.length >= 3,
  },
} satisfies Partial<Options>;
