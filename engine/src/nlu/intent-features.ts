import type { TextAnalyzer } from "../text/language/index.ts";

/** A message as the intent model sees it: named features and their weights, L2-normalized. */
export interface FeatureVector {
  keys: string[];
  values: Float32Array;
}

// Word stems carry most of the meaning; a pair of stems ("not arrived", "opening hours") some
// word order; character n-grams of each word survive typos and unseen inflections ("cancelamnto"
// still shares "<can", "cel", "lam" with "cancelamento"), at a lower weight so they do not drown
// the words.
const WORD_WEIGHT = 1;
// Function words ("to", "an", "de") say little about what the user wants, yet are in every
// example: at full weight, "to" in "talk to a person" would pull any message with "to" there.
const STOPWORD_WEIGHT = 0.3;
const BIGRAM_WEIGHT = 0.7;
const CHAR_WEIGHT = 0.3;
const CHAR_MIN = 3;
const CHAR_MAX = 4;

/**
 * The features of a message in its language: word stems, pairs of consecutive stems (with the
 * start and end of the message), and 3- and 4-character n-grams of each normalized word.
 *
 * @example
 * intentFeatures("Opening hours", textAnalyzer("en")).keys
 * // ["w:open", "w:hour", "b:^ open", "b:open hour", "b:hour $", "c:<op", ...]
 */
export function intentFeatures(text: string, analyzer: TextAnalyzer): FeatureVector {
  const words = analyzer.tokenize(text);
  const stems = words.map(analyzer.stem);
  const weights = new Map<string, number>();
  const add = (key: string, weight: number) => weights.set(key, (weights.get(key) ?? 0) + weight);
  stems.forEach((stem, i) => {
    add(`w:${stem}`, analyzer.isStopword(words[i] ?? "") ? STOPWORD_WEIGHT : WORD_WEIGHT);
  });
  const bounded = ["^", ...stems, "$"];
  if (stems.length > 0) {
    for (let i = 0; i + 1 < bounded.length; i++)
      add(`b:${bounded[i]} ${bounded[i + 1]}`, BIGRAM_WEIGHT);
  }
  for (const word of words) {
    // A stop word is its own feature already; its n-grams would only add cost.
    if (analyzer.isStopword(word)) continue;
    const marked = `<${word}>`;
    for (let n = CHAR_MIN; n <= CHAR_MAX; n++) {
      for (let i = 0; i + n <= marked.length; i++) add(`c:${marked.slice(i, i + n)}`, CHAR_WEIGHT);
    }
  }
  let norm = 0;
  for (const weight of weights.values()) norm += weight * weight;
  norm = Math.sqrt(norm) || 1;
  return {
    keys: [...weights.keys()],
    values: Float32Array.from(weights.values(), (weight) => weight / norm),
  };
}
