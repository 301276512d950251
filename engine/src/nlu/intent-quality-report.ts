import { FlowError } from "../errors.ts";
import type { IntentDefinition } from "../local/intent-classifier.ts";
import type { Language } from "../text/language/index.ts";
import { fitIntentScorer, type LabelledText } from "./intent-model.ts";
import { seededRandom, shuffle } from "./softmax-regression.ts";

/** An example the model trained without it gave another intent. */
export interface MisclassifiedExample {
  text: string;
  /** The intent it is an example of. */
  intent: string;
  predicted: string;
  /** The predicted intent's probability. */
  confidence: number;
}

export interface IntentQuality {
  name: string;
  examples: number;
  /** Its examples classified as it by a model trained without them (recall). */
  correct: number;
  accuracy: number;
  /** Fewer examples than the report's `minExamples`. */
  tooFew: boolean;
}

/** Two intents the model mixes up, in either direction. */
export interface IntentConfusion {
  intents: [string, string];
  /** Examples of either classified as the other. */
  count: number;
  /** `count` out of both intents' examples. */
  share: number;
  /** The most confident mistakes, both ways. */
  examples: MisclassifiedExample[];
}

/** How well a `classify` node's intents can be told apart, measured by cross-validation. */
export interface IntentQualityReport {
  language: Language;
  folds: number;
  seed: number;
  minExamples: number;
  examples: number;
  /** Share of all examples classified right by a model trained without them. */
  accuracy: number;
  intents: IntentQuality[];
  /** The most confused pairs first (by share of their examples). */
  confusions: IntentConfusion[];
  /** Examples a model trained without them confidently gave another intent: likely mislabeled. */
  mislabeled: MisclassifiedExample[];
}

export interface IntentQualityOptions {
  /** Folds of the cross-validation (default 5). */
  folds?: number;
  /** Seeds the split, so that the same intents always give the same report (default 1). */
  seed?: number;
  /** Intents with fewer examples are flagged (default 5). */
  minExamples?: number;
}

const DEFAULT_FOLDS = 5;
const DEFAULT_SEED = 1;
const DEFAULT_MIN_EXAMPLES = 5;
// A pair is confused when this many of its examples go the wrong way; a single mistake is
// noise, or a mislabeled example, which is reported as such.
const CONFUSED_AT = 2;
// Predicted with this probability though labelled otherwise: the model is sure it is another
// intent's example. A pair of overlapping intents splits the probability instead.
const MISLABELED_AT = 0.8;
const EXAMPLES_PER_CONFUSION = 4;

/**
 * Cross-validates a `classify` node's intent model: its examples are dealt, intent by intent in
 * a seeded shuffled order, into `folds` folds (stratified); a model trained on the other folds
 * and every description classifies each fold. From the predictions: each intent's accuracy,
 * the pairs of intents confused, the examples that look mislabeled and the intents with too few
 * examples. Trains `folds` models: the cost of `folds` trainings, off any request's thread.
 *
 * @example
 * const report = intentQualityReport(node.config.intents, "en");
 * report.confusions[0] // { intents: ["refund", "cancel"], count: 6, share: 0.3, examples: [...] }
 */
export function intentQualityReport(
  intents: readonly IntentDefinition[],
  language: Language,
  options: IntentQualityOptions = {},
): IntentQualityReport {
  const folds = options.folds ?? DEFAULT_FOLDS;
  const seed = options.seed ?? DEFAULT_SEED;
  const minExamples = options.minExamples ?? DEFAULT_MIN_EXAMPLES;
  if (intents.length < 2)
    throw new FlowError("invalid_flow", "An intent report needs at least two intents to compare.");
  if (!Number.isInteger(folds) || folds < 2)
    throw new FlowError("invalid_flow", `An intent report needs at least 2 folds, not ${folds}.`);
  const descriptions: LabelledText[] = intents.flatMap((intent, label) =>
    intent.description.trim() === "" ? [] : [{ text: intent.description, label }],
  );
  const foldsOfExamples = dealFolds(intents, folds, seed);
  const predictions = foldsOfExamples.flatMap((test, fold) => {
    if (test.length === 0) return [];
    const train = [...descriptions, ...foldsOfExamples.filter((_, f) => f !== fold).flat()];
    const score = fitIntentScorer(train, intents.length, language);
    return test.map((example) => ({ ...example, scores: score(example.text) }));
  });
  const names = intents.map((intent) => intent.name);
  const mistakes: (MisclassifiedExample & { label: number; guess: number })[] = [];
  const correct = new Array<number>(intents.length).fill(0);
  const counts = new Array<number>(intents.length).fill(0);
  for (const { text, label, scores } of predictions) {
    const guess = best(scores);
    counts[label] = (counts[label] ?? 0) + 1;
    if (guess === label) correct[label] = (correct[label] ?? 0) + 1;
    else
      mistakes.push({
        text,
        intent: names[label] ?? "",
        predicted: names[guess] ?? "",
        confidence: round(scores[guess] ?? 0),
        label,
        guess,
      });
  }
  mistakes.sort((a, b) => b.confidence - a.confidence);
  const total = counts.reduce((sum, count) => sum + count, 0);
  return {
    language,
    folds,
    seed,
    minExamples,
    examples: total,
    accuracy: round(total === 0 ? 0 : correct.reduce((sum, c) => sum + c, 0) / total),
    intents: names.map((name, label) => {
      const examples = counts[label] ?? 0;
      return {
        name,
        examples,
        correct: correct[label] ?? 0,
        accuracy: round(examples === 0 ? 0 : (correct[label] ?? 0) / examples),
        tooFew: examples < minExamples,
      };
    }),
    confusions: confusedPairs(mistakes, names, counts),
    mislabeled: mistakes
      .filter((mistake) => mistake.confidence >= MISLABELED_AT)
      .map(({ label: _label, guess: _guess, ...mistake }) => mistake),
  };
}

/**
 * Each intent's examples (trimmed, empty ones left out) in a seeded shuffled order, dealt in
 * turn to the folds: every fold holds a share of every intent, and the same seed the same share.
 */
function dealFolds(
  intents: readonly IntentDefinition[],
  folds: number,
  seed: number,
): LabelledText[][] {
  const random = seededRandom(seed);
  const dealt: LabelledText[][] = Array.from({ length: folds }, () => []);
  intents.forEach((intent, label) => {
    const texts = intent.examples.filter((text) => text.trim() !== "");
    const order = texts.map((_, index) => index);
    shuffle(order, random);
    order.forEach((index, position) => {
      dealt[position % folds]?.push({ text: texts[index] ?? "", label });
    });
  });
  return dealt;
}

function confusedPairs(
  mistakes: readonly (MisclassifiedExample & { label: number; guess: number })[],
  names: readonly string[],
  counts: readonly number[],
): IntentConfusion[] {
  const pairs = new Map<string, { a: number; b: number; mistakes: MisclassifiedExample[] }>();
  for (const { label, guess, ...mistake } of mistakes) {
    const [a, b] = label < guess ? [label, guess] : [guess, label];
    const key = `${a} ${b}`;
    const pair = pairs.get(key) ?? { a, b, mistakes: [] };
    pair.mistakes.push(mistake);
    pairs.set(key, pair);
  }
  return [...pairs.values()]
    .filter((pair) => pair.mistakes.length >= CONFUSED_AT)
    .map(({ a, b, mistakes: mixed }) => ({
      intents: [names[a] ?? "", names[b] ?? ""] as [string, string],
      count: mixed.length,
      share: round(mixed.length / ((counts[a] ?? 0) + (counts[b] ?? 0))),
      examples: mixed.slice(0, EXAMPLES_PER_CONFUSION),
    }))
    .sort((x, y) => y.share - x.share || y.count - x.count);
}

function best(scores: Float64Array): number {
  let top = 0;
  for (let c = 1; c < scores.length; c++) if ((scores[c] ?? 0) > (scores[top] ?? 0)) top = c;
  return top;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
