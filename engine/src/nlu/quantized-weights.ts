/** Weights stored in a quarter of the space: one byte each, with one scale per feature's row. */
export interface QuantizedWeights {
  /** Per feature: the value that the byte 127 stands for. */
  scales: Float32Array;
  values: Int8Array;
}

/**
 * Rounds each row of `classes` weights to 255 levels between minus and plus its largest
 * magnitude. A row's weights differ by far more than a level, so the ranking and the confidence
 * barely move, while a 150-intent model shrinks from tens of megabytes to a few.
 */
export function quantizeWeights(weights: Float32Array, classes: number): QuantizedWeights {
  const rows = weights.length / classes;
  const scales = new Float32Array(rows);
  const values = new Int8Array(weights.length);
  for (let row = 0; row < rows; row++) {
    const start = row * classes;
    let largest = 0;
    for (let c = 0; c < classes; c++)
      largest = Math.max(largest, Math.abs(weights[start + c] as number));
    const scale = largest / 127;
    scales[row] = scale;
    if (scale === 0) continue;
    for (let c = 0; c < classes; c++) {
      values[start + c] = Math.round((weights[start + c] as number) / scale);
    }
  }
  return { scales, values };
}

/** The weights that quantized ones stand for. */
export function dequantizeWeights(
  { scales, values }: QuantizedWeights,
  classes: number,
): Float32Array {
  const weights = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    weights[i] = (values[i] as number) * (scales[Math.floor(i / classes)] as number);
  }
  return weights;
}
