/** One training example: the ids and weights of its features, and its class. */
export interface SparseSample {
  ids: Int32Array;
  values: Float32Array;
  label: number;
}

/**
 * A multinomial logistic regression: one weight per (feature, class), and no bias. A bias would
 * learn how many examples each class has, which says nothing about what users will send, and
 * would give a message of unknown words the largest class instead of no class.
 */
export interface SoftmaxWeights {
  classes: number;
  /** Row-major: the `classes` weights of feature 0, then those of feature 1, … */
  weights: Float32Array;
}

// Enough updates that a model with a handful of examples per class converges, yet no more than
// a few passes over a large training set; the learning rate decays linearly to 0, as fastText's.
const MIN_UPDATES = 10_000;
const MIN_EPOCHS = 5;
const LEARNING_RATE = 1;
// Classes whose probability is below this get no update: on a well-separated example that is
// nearly all of them, which makes an update cost a few classes instead of all.
const NEGLIGIBLE = 1e-4;
// An example the model already gets right with this probability teaches it next to nothing; it is
// skipped, except on every RECHECK-th epoch, which catches one that later updates pushed back.
const LEARNT = 0.9;
const RECHECK = 4;
// Indices in the loops below are in bounds by construction; `as number` instead of `?? 0` keeps
// the hot loops free of a check per multiply.

/**
 * Trains the weights by stochastic gradient descent on the cross-entropy, in a fixed
 * pseudo-random order: the same samples always give the same weights.
 */
export function trainSoftmaxRegression(
  samples: readonly SparseSample[],
  features: number,
  classes: number,
): SoftmaxWeights {
  const weights = new Float32Array(features * classes);
  const model = { classes, weights };
  if (samples.length === 0) return model;
  const epochs = Math.max(MIN_EPOCHS, Math.ceil(MIN_UPDATES / samples.length));
  const total = epochs * samples.length;
  const order = samples.map((_, index) => index);
  const random = seededRandom(samples.length);
  const gradient = new Float32Array(classes);
  const learnt = new Uint8Array(samples.length);
  let step = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, random);
    const recheck = epoch % RECHECK === 0;
    for (const index of order) {
      const sample = samples[index] as SparseSample;
      const rate = LEARNING_RATE * (1 - step++ / total);
      if (learnt[index] === 1 && !recheck) continue;
      probabilities(model, sample.ids, sample.values, gradient);
      learnt[index] = (gradient[sample.label] as number) >= LEARNT ? 1 : 0;
      gradient[sample.label] = (gradient[sample.label] as number) - 1;
      for (let c = 0; c < classes; c++) {
        const g = (gradient[c] as number) * rate;
        gradient[c] = Math.abs(g) < NEGLIGIBLE * rate ? 0 : g;
      }
      for (let f = 0; f < sample.ids.length; f++) {
        const row = (sample.ids[f] as number) * classes;
        const x = sample.values[f] as number;
        for (let c = 0; c < classes; c++) {
          const g = gradient[c] as number;
          if (g !== 0) weights[row + c] = (weights[row + c] as number) - g * x;
        }
      }
    }
  }
  return model;
}

/** Writes the raw scores (logits) of a sparse input into `out`. */
export function logits(
  model: SoftmaxWeights,
  ids: ArrayLike<number>,
  values: ArrayLike<number>,
  out: Float32Array | Float64Array,
): void {
  const { classes, weights } = model;
  out.fill(0);
  for (let f = 0; f < ids.length; f++) {
    const row = (ids[f] as number) * classes;
    const x = values[f] as number;
    for (let c = 0; c < classes; c++)
      out[c] = (out[c] as number) + (weights[row + c] as number) * x;
  }
}

/** Writes the class probabilities of a sparse input into `out` (softmax of the logits). */
function probabilities(
  model: SoftmaxWeights,
  ids: ArrayLike<number>,
  values: ArrayLike<number>,
  out: Float32Array | Float64Array,
  temperature = 1,
): void {
  logits(model, ids, values, out);
  softmaxInPlace(out, temperature);
}

/** Turns logits into probabilities in place, dividing them by a temperature first. */
export function softmaxInPlace(scores: Float32Array | Float64Array, temperature = 1): void {
  let max = Number.NEGATIVE_INFINITY;
  for (const score of scores) if (score > max) max = score;
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    const e = Math.exp(((scores[c] as number) - max) / temperature);
    scores[c] = e;
    sum += e;
  }
  for (let c = 0; c < scores.length; c++) scores[c] = (scores[c] as number) / sum;
}

/** Fisher–Yates, with the given generator: the same seed gives the same order. */
export function shuffle(order: number[], random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = order[i] as number;
    order[i] = order[j] as number;
    order[j] = swap;
  }
}

/** mulberry32: a small, fast, seedable generator, so that training is reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
