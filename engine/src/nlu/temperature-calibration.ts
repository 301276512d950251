/** A held-out example's raw scores (logits) and its true class. */
export interface HeldOutScores {
  scores: Float64Array;
  label: number;
}

// Temperatures tried, from sharpening (0.25) to flattening (4) the probabilities.
const CANDIDATES = Array.from({ length: 41 }, (_, i) => 2 ** (-2 + i / 10));

/**
 * Temperature scaling (Guo et al., "On Calibration of Modern Neural Networks", 2017): the
 * temperature T that minimizes the negative log-likelihood of held-out examples under
 * softmax(logits / T). One parameter, so a few dozen held-out examples fit it without
 * overfitting; it changes confidence, never the ranking.
 */
export function fitTemperature(heldOut: readonly HeldOutScores[]): number {
  if (heldOut.length === 0) return 1;
  let best = 1;
  let bestLoss = Number.POSITIVE_INFINITY;
  for (const temperature of CANDIDATES) {
    let loss = 0;
    for (const { scores, label } of heldOut)
      loss += negativeLogLikelihood(scores, label, temperature);
    if (loss < bestLoss) {
      bestLoss = loss;
      best = temperature;
    }
  }
  return best;
}

function negativeLogLikelihood(scores: Float64Array, label: number, temperature: number): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const score of scores) if (score > max) max = score;
  let sum = 0;
  for (const score of scores) sum += Math.exp((score - max) / temperature);
  return Math.log(sum) - ((scores[label] ?? 0) - max) / temperature;
}
