import MiniSearch from "minisearch";
import { FlowError } from "../errors.ts";
import type { ConfigOf } from "../schema/flow.ts";
import { searchTermsOf } from "../text/search-terms.ts";
import { buildTermWeights, queryCoverage } from "../text/term-coverage.ts";
import { textSearchOptions } from "../text/text-search-options.ts";

/** One intent of a `classify` node: its name, what it means and example utterances. */
export type IntentDefinition = ConfigOf<"classify">["intents"][number];

interface IntentScore {
  intent: string;
  /** Calibrated 0..1; the first entry's score is the prediction's confidence. */
  score: number;
}

export interface IntentPrediction {
  /** The best intent, named even when nothing matched: compare `confidence` with a threshold. */
  intent: string;
  confidence: number;
  /** Every intent, best first; ties keep the order the intents were declared in. */
  ranking: IntentScore[];
}

export interface IntentClassifier {
  classify(text: string): IntentPrediction;
}

interface IntentDocument {
  id: number;
  intent: number;
  text: string;
}

// The nearest examples of an intent vote with halving weights, so an intent wins by having
// close examples, not merely many examples sharing one word.
const VOTERS = 3;
// The description states the intent in the abstract; it helps, but less than a real example.
const DESCRIPTION_WEIGHT = 0.5;
// Squaring the votes before taking shares turns "clearly ahead" into a share near 1.
const SHARPNESS = 2;

/**
 * Trains the local model's intent classifier on the examples and descriptions of a `classify`
 * node: BM25+ retrieval over the examples with fuzzy and prefix matching, then a vote of each
 * intent's nearest examples (their scores, halving from the best down, three at most).
 *
 * The confidence is calibrated to mean the same for every message: the winner's share of the
 * squared votes (near 1 when it is clearly ahead, 0.5 for a tie between two) times how much of
 * the message its matching examples account for, each word weighted by its rarity across
 * intents and typo or prefix matches counting for less (see `queryCoverage`). A clear match
 * scores 0.7–1, a message of which only half the words are known about 0.5, while gibberish,
 * an empty message or one unrelated to every intent scores 0, so a threshold of about 0.45
 * separates them. Words no intent uses lower the confidence: examples should use the words
 * users do.
 *
 * @example
 * const classifier = trainIntentClassifier([
 *   { name: "hours", description: "Opening hours", examples: ["when are you open", "what time do you close", "are you open on saturdays"] },
 *   { name: "refund", description: "Getting money back", examples: ["I want a refund", "can I return my order"] },
 * ]);
 * classifier.classify("what time do you open on saturday"); // { intent: "hours", confidence: 1, ranking: [...] }
 * classifier.classify("asdf qwerty").confidence; // 0
 */
export function trainIntentClassifier(intents: readonly IntentDefinition[]): IntentClassifier {
  if (intents.length === 0) {
    throw new FlowError("invalid_flow", "An intent classifier needs at least one intent.");
  }
  const documents: IntentDocument[] = [];
  const descriptions = new Set<number>();
  intents.forEach((intent, index) => {
    descriptions.add(documents.length);
    documents.push({ id: documents.length, intent: index, text: intent.description });
    for (const example of intent.examples) {
      documents.push({ id: documents.length, intent: index, text: example });
    }
  });

  const search = new MiniSearch<IntentDocument>({
    ...textSearchOptions,
    fields: ["text"],
    searchOptions: {
      ...textSearchOptions.searchOptions,
      boostDocument: (id) => (descriptions.has(id) ? DESCRIPTION_WEIGHT : 1),
    },
  });
  search.addAll(documents);
  // Rarity is measured across intents, not examples: a word every intent uses tells none apart.
  const weights = buildTermWeights(
    intents.map((intent) => [intent.description, ...intent.examples].flatMap(searchTermsOf)),
  );

  return {
    classify(text) {
      const queryTerms = searchTermsOf(text);
      const votes = intents.map(() => ({ total: 0, voters: 0, matched: new Set<string>() }));
      if (queryTerms.length > 0) {
        for (const hit of search.search(text)) {
          const vote = votes[documents[hit.id]?.intent ?? -1];
          if (!vote) continue;
          for (const term of hit.terms) vote.matched.add(term);
          if (vote.voters < VOTERS) vote.total += hit.score / 2 ** vote.voters++;
        }
      }
      const strength = votes.map((vote) => vote.total ** SHARPNESS);
      const sum = strength.reduce((a, b) => a + b, 0);
      const ranking = intents
        .map((intent, index) => {
          const vote = votes[index];
          const share = sum === 0 ? 0 : (strength[index] ?? 0) / sum;
          const coverage = vote ? queryCoverage(queryTerms, vote.matched, weights) : 0;
          return { intent: intent.name, score: round(share * coverage) };
        })
        .sort((a, b) => b.score - a.score);
      const best = ranking[0] ?? { intent: "", score: 0 };
      return { intent: best.intent, confidence: best.score, ranking };
    },
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
