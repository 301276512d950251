/**
 * How much of a query a set of matched document terms accounts for, weighting each query term
 * by how rare it is. Unlike a raw BM25 score this lies in 0..1 and means the same thing for
 * every query, which is what makes thresholds such as a node's `minScore` portable.
 * @module
 */

import { editDistance } from "./edit-distance.ts";

/** Inverse document frequency of terms over one collection. */
export interface TermWeights {
  weight(term: string): number;
}

/**
 * Counts in how many documents each term occurs and weights terms with BM25's idf. A term no
 * document contains weighs as much as the rarest known term: it makes a query less covered,
 * but one filler word must not sink an otherwise clear match.
 *
 * @example
 * const weights = buildTermWeights([["open", "hour"], ["refund"]]);
 * weights.weight("refund") === weights.weight("unheard") // true: both occur in one document or fewer
 */
export function buildTermWeights(documents: Iterable<Iterable<string>>): TermWeights {
  const frequency = new Map<string, number>();
  let count = 0;
  for (const terms of documents) {
    count += 1;
    for (const term of new Set(terms)) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  }
  const idf = (df: number) => Math.log(1 + (count - df + 0.5) / (df + 0.5));
  const unknown = idf(1);
  return {
    weight: (term) => {
      const df = frequency.get(term);
      return df === undefined ? unknown : idf(df);
    },
  };
}

/**
 * The idf-weighted share of `queryTerms` found among `matched` document terms, each counted by
 * its best {@link termMatchQuality} times `credit` for the document term (1 unless given).
 *
 * @example
 * queryCoverage(["open", "saturday"], ["open"], weights) // 0.5 when both words are as rare
 */
export function queryCoverage(
  queryTerms: readonly string[],
  matched: Iterable<string>,
  weights: TermWeights,
  credit: (documentTerm: string) => number = () => 1,
): number {
  const unique = [...new Set(queryTerms)];
  const candidates = [...new Set(matched)];
  let total = 0;
  let covered = 0;
  for (const term of unique) {
    const weight = weights.weight(term);
    total += weight;
    let best = 0;
    for (const candidate of candidates) {
      best = Math.max(best, termMatchQuality(term, candidate) * credit(candidate));
    }
    covered += weight * best;
  }
  return total === 0 ? 0 : covered / total;
}

/**
 * How well a document term stands in for a query term: 1 when equal, up to 0.85 for a prefix
 * ("pay" → "payment") or a typo ("refnd" → "refund"), 0 when the two are unrelated. Tolerances
 * mirror the index's own prefix and fuzzy (0.2) matching.
 *
 * @example
 * termMatchQuality("refnd", "refund") // ≈ 0.71
 */
function termMatchQuality(queryTerm: string, documentTerm: string): number {
  if (queryTerm === documentTerm) return 1;
  const longer = Math.max(queryTerm.length, documentTerm.length);
  if (documentTerm.startsWith(queryTerm) || queryTerm.startsWith(documentTerm)) {
    const shorter = Math.min(queryTerm.length, documentTerm.length);
    return shorter < 3 ? 0 : 0.85 * (0.5 + (0.5 * shorter) / longer);
  }
  const allowed = Math.max(1, Math.round(queryTerm.length * 0.2));
  const distance = editDistance(queryTerm, documentTerm, allowed);
  return distance > allowed ? 0 : 0.85 * (1 - distance / longer);
}
