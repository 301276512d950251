import { FlowError } from "../errors.ts";
import type {
  IntentClassifier,
  IntentDefinition,
  IntentPrediction,
} from "../local/intent-classifier.ts";
import { type Language, textAnalyzer } from "../text/language/index.ts";
import { intentFeatures } from "./intent-features.ts";
import { dequantizeWeights, quantizeWeights } from "./quantized-weights.ts";
import {
  logits,
  type SoftmaxWeights,
  type SparseSample,
  softmaxInPlace,
  trainSoftmaxRegression,
} from "./softmax-regression.ts";
import { fitTemperature, type HeldOutScores } from "./temperature-calibration.ts";

/** A trained intent classifier that can be saved and restored byte for byte. */
export interface IntentModel extends IntentClassifier {
  readonly language: Language;
  toBytes(): Uint8Array;
}

/** An example of an intent: its text and the intent's index among the node's intents. */
export interface LabelledText {
  text: string;
  label: number;
}

/** The learned parts of a model: everything `toBytes` writes. */
interface ModelParts {
  language: Language;
  intents: string[];
  features: string[];
  temperature: number;
  /** The score that maps to the default threshold (see `calibrate`). */
  floor: number;
  softmax: SoftmaxWeights;
}

// Calibration needs examples the model did not train on: four folds for a small node, a tenth
// held out once for one of more than SMALL_NODE examples (see `trainIntentModel`).
const SMALL_NODE = 1000;
const FOLDS = 4;
const LARGE_FOLDS = 10;
// The threshold a `classify` node has unless its author chose another: confidence is calibrated
// so that this one separates known intents from the rest.
const DEFAULT_THRESHOLD = 0.45;
// The share of messages of a known intent, correctly classified, that may fall below it.
const REJECTED = 0.03;
// The floor only ever lowers the bar (many intents spread the probability thin), never raises it,
// and never below 0.1, so that a few unlucky held-out examples cannot let everything through.
const MIN_FLOOR = 0.1;
const MAX_FLOOR = DEFAULT_THRESHOLD;

/**
 * Trains the intent model of a `classify` node: a multinomial logistic regression over word
 * stems, stem pairs and character n-grams in the node's language (see `intentFeatures`), each
 * intent's description counting as one more example.
 *
 * Its confidence is calibrated on held-out examples so that the default threshold means the same
 * for 2 intents as for 200: the softmax temperature that makes held-out probabilities honest
 * (temperature scaling), the probability measured above chance (with two intents a coin toss
 * scores 0, not 0.5), and that score rescaled so that at most 3% of the correctly classified
 * held-out examples fall below the default threshold (never raising the bar above it).
 *
 * @example
 * const model = trainIntentModel(intents, "pt");
 * model.classify("qro cancelar meu pedido") // { intent: "cancel_order", confidence: 0.9, ranking: [...] }
 */
export function trainIntentModel(
  intents: readonly IntentDefinition[],
  language: Language,
): IntentModel {
  if (intents.length === 0) {
    throw new FlowError("invalid_flow", "An intent classifier needs at least one intent.");
  }
  const examples: LabelledText[] = intents.flatMap((intent, label) =>
    [intent.description, ...intent.examples]
      .filter((text) => text.trim() !== "")
      .map((text) => ({ text, label })),
  );
  const classes = intents.length;
  // A small node is cheap to train: four more trainings, each holding out a quarter, calibrate the
  // final model trained on everything. A large one holds out a tenth once and keeps the model
  // trained on the rest: training costs once, and a tenth of ample examples costs little accuracy.
  const large = examples.length > SMALL_NODE;
  const trained = large
    ? fitModel(splitFold(examples, classes, 0, LARGE_FOLDS).train, classes, language)
    : fitModel(examples, classes, language);
  const heldOut = large
    ? heldOutScores(
        [{ model: trained, test: splitFold(examples, classes, 0, LARGE_FOLDS).test }],
        classes,
        language,
      )
    : heldOutScores(
        Array.from({ length: FOLDS }, (_, fold) => {
          const { train, test } = splitFold(examples, classes, fold, FOLDS);
          return { model: fitModel(train, classes, language), test };
        }),
        classes,
        language,
      );
  return intentModel({
    language,
    intents: intents.map((intent) => intent.name),
    features: trained.features,
    ...calibrate(heldOut, classes),
    // The model keeps the weights it is saved with, so that a restored model is the same model.
    softmax: {
      classes,
      weights: dequantizeWeights(quantizeWeights(trained.softmax.weights, classes), classes),
    },
  });
}

function fitModel(examples: readonly LabelledText[], classes: number, language: Language) {
  const analyzer = textAnalyzer(language);
  const index = new Map<string, number>();
  const samples: SparseSample[] = examples.map(({ text, label }) => {
    const vector = intentFeatures(text, analyzer);
    const ids = Int32Array.from(vector.keys, (key) => {
      let id = index.get(key);
      if (id === undefined) {
        id = index.size;
        index.set(key, id);
      }
      return id;
    });
    return { ids, values: vector.values, label };
  });
  return {
    features: [...index.keys()],
    index,
    softmax: trainSoftmaxRegression(samples, index.size, classes),
  };
}

type FittedModel = ReturnType<typeof fitModel>;

/**
 * A model trained on the examples without calibration, giving each class's probability (a
 * softmax at temperature 1): what cross-validation needs, which trains one per fold.
 */
export function fitIntentScorer(
  examples: readonly LabelledText[],
  classes: number,
  language: Language,
): (text: string) => Float64Array {
  const model = fitModel(examples, classes, language);
  const analyzer = textAnalyzer(language);
  return (text) => {
    const scores = new Float64Array(classes);
    scoreVector(model.softmax, model.index, intentFeatures(text, analyzer), scores);
    softmaxInPlace(scores);
    return scores;
  };
}

/** The raw scores that models give the examples held out of their training. */
function heldOutScores(
  folds: readonly { model: FittedModel; test: readonly LabelledText[] }[],
  classes: number,
  language: Language,
): HeldOutScores[] {
  const analyzer = textAnalyzer(language);
  return folds.flatMap(({ model, test }) =>
    test.map(({ text, label }) => {
      const scores = new Float64Array(classes);
      scoreVector(model.softmax, model.index, intentFeatures(text, analyzer), scores);
      return { scores, label };
    }),
  );
}

/**
 * Calibrates on held-out examples: the softmax temperature that predicts them best, then the
 * score (probability above chance) below which only REJECTED of the correctly classified
 * held-out examples fall — the "floor" that the default threshold is mapped to.
 */
function calibrate(
  heldOut: readonly HeldOutScores[],
  classes: number,
): { temperature: number; floor: number } {
  const temperature = fitTemperature(heldOut);
  const chance = 1 / classes;
  const correct: number[] = [];
  for (const { scores, label } of heldOut) {
    softmaxInPlace(scores, temperature);
    let best = 0;
    for (let c = 1; c < classes; c++) if ((scores[c] ?? 0) > (scores[best] ?? 0)) best = c;
    if (best === label) correct.push(aboveChance(scores[best] ?? 0, chance));
  }
  return { temperature, floor: rejectionFloor(correct) };
}

/**
 * The score below which a share REJECTED of correct predictions falls, bounded so that a handful
 * of held-out examples cannot make the model accept everything or nothing.
 */
function rejectionFloor(correctScores: number[]): number {
  if (correctScores.length === 0) return DEFAULT_THRESHOLD;
  correctScores.sort((a, b) => a - b);
  const quantile = correctScores[Math.floor(REJECTED * (correctScores.length - 1))] ?? 0;
  return Math.min(MAX_FLOOR, Math.max(MIN_FLOOR, quantile));
}

/**
 * The `fold`-th of `folds` stratified folds: every `folds`-th example of each intent, offset by
 * the fold, is held out — never an intent's only example, which the model could then not learn.
 */
function splitFold(
  examples: readonly LabelledText[],
  classes: number,
  fold: number,
  folds: number,
) {
  const seen = new Array<number>(classes).fill(0);
  const count = new Array<number>(classes).fill(0);
  for (const { label } of examples) count[label] = (count[label] ?? 0) + 1;
  const train: LabelledText[] = [];
  const test: LabelledText[] = [];
  for (const example of examples) {
    const position = seen[example.label] ?? 0;
    seen[example.label] = position + 1;
    const holdOut = (count[example.label] ?? 0) > 1 && position % folds === fold;
    (holdOut ? test : train).push(example);
  }
  return { train, test };
}

function scoreVector(
  softmax: SoftmaxWeights,
  index: ReadonlyMap<string, number>,
  vector: { keys: string[]; values: Float32Array },
  out: Float64Array,
): void {
  const ids: number[] = [];
  const values: number[] = [];
  vector.keys.forEach((key, f) => {
    const id = index.get(key);
    if (id === undefined) return;
    ids.push(id);
    values.push(vector.values[f] ?? 0);
  });
  logits(softmax, ids, values, out);
}

function intentModel(parts: ModelParts): IntentModel {
  const analyzer = textAnalyzer(parts.language);
  const index = new Map(parts.features.map((key, id) => [key, id]));
  const classes = parts.intents.length;
  // Chance is 1/classes: a model that cannot tell the intents apart scores 0, however many.
  const chance = 1 / classes;
  return {
    language: parts.language,
    classify(text): IntentPrediction {
      const scores = new Float64Array(classes);
      scoreVector(parts.softmax, index, intentFeatures(text, analyzer), scores);
      softmaxInPlace(scores, parts.temperature);
      const ranking = parts.intents
        .map((intent, c) => ({
          intent,
          score: round(
            rescale(
              classes === 1 ? (scores[c] ?? 0) : aboveChance(scores[c] ?? 0, chance),
              parts.floor,
            ),
          ),
        }))
        .sort((a, b) => b.score - a.score);
      const best = ranking[0] ?? { intent: "", score: 0 };
      return { intent: best.intent, confidence: best.score, ranking };
    },
    toBytes: () => encodeModel(parts),
  };
}

/** Maps [0, floor] onto [0, threshold] and [floor, 1] onto [threshold, 1], linearly. */
function rescale(score: number, floor: number): number {
  return score <= floor
    ? (score / floor) * DEFAULT_THRESHOLD
    : DEFAULT_THRESHOLD + ((score - floor) / (1 - floor)) * (1 - DEFAULT_THRESHOLD);
}

function aboveChance(probability: number, chance: number): number {
  return Math.max(0, (probability - chance) / (1 - chance));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

// Bytes: a little-endian u32 header length, the JSON header, padding to 4 bytes, then each
// feature's scale as float32, then the weights as int8 (see `quantizeWeights`). The format also
// names the features a model reads: 3 since chat spellings are written out ("vc" is "voce"), so
// models stored before train anew.
export const INTENT_MODEL_FORMAT = 3;

interface ModelHeader {
  format: number;
  language: Language;
  intents: string[];
  features: string[];
  temperature: number;
  floor: number;
}

function encodeModel(parts: ModelParts): Uint8Array {
  const header: ModelHeader = {
    format: INTENT_MODEL_FORMAT,
    language: parts.language,
    intents: parts.intents,
    features: parts.features,
    temperature: parts.temperature,
    floor: parts.floor,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const offset = align4(4 + json.length);
  const { scales, values } = quantizeWeights(parts.softmax.weights, parts.softmax.classes);
  const bytes = new Uint8Array(offset + scales.length * 4 + values.length);
  new DataView(bytes.buffer).setUint32(0, json.length, true);
  bytes.set(json, 4);
  new Float32Array(bytes.buffer, offset, scales.length).set(scales);
  new Int8Array(bytes.buffer, offset + scales.length * 4, values.length).set(values);
  return bytes;
}

/**
 * Restores a model saved with `toBytes`; it classifies exactly as the model that was saved.
 * Bytes of another format or a truncated model are refused with a FlowError.
 */
export function intentModelFromBytes(bytes: Uint8Array): IntentModel {
  const broken = (why: string) =>
    new FlowError("model_failed", `The saved intent model cannot be read: ${why}.`);
  if (bytes.length < 4) throw broken("it is empty");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(0, true);
  if (4 + length > bytes.length) throw broken("it is truncated");
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length))) as ModelHeader;
  if (header.format !== INTENT_MODEL_FORMAT)
    throw broken(`it has format ${header.format}, not ${INTENT_MODEL_FORMAT}`);
  const classes = header.intents.length;
  const offset = align4(4 + length);
  const rows = header.features.length;
  if (bytes.length !== offset + rows * 4 + rows * classes)
    throw broken("its weights are truncated");
  // Copied out, so that the model does not depend on the alignment or lifetime of `bytes`.
  const stored = bytes.slice(offset);
  const weights = dequantizeWeights(
    {
      scales: new Float32Array(stored.buffer, 0, rows),
      values: new Int8Array(stored.buffer, rows * 4, rows * classes),
    },
    classes,
  );
  return intentModel({
    language: header.language,
    intents: header.intents,
    features: header.features,
    temperature: header.temperature,
    floor: header.floor,
    softmax: { classes, weights },
  });
}

function align4(value: number): number {
  return Math.ceil(value / 4) * 4;
}
