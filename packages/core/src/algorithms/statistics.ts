/** Mean and population standard deviation of `x`. */
export function meanStd(x: ArrayLike<number>): { mean: number; std: number } {
  let m = 0;
  for (let i = 0; i < x.length; i++) m += x[i]!;
  m /= Math.max(1, x.length);
  let v = 0;
  for (let i = 0; i < x.length; i++) v += (x[i]! - m) ** 2;
  return { mean: m, std: Math.sqrt(v / Math.max(1, x.length)) };
}

/** Standardizes a batch in place, x ← (x − mean)/(std + 1e-8); a batch of one is left as it is. */
export function standardizeInPlace(x: Float32Array): void {
  if (x.length <= 1) return;
  const { mean, std } = meanStd(x);
  for (let i = 0; i < x.length; i++) x[i] = (x[i]! - mean) / (std + 1e-8);
}

/** Explained variance 1 − Var[y − ŷ]/Var[y] of predictions ŷ for targets y (NaN when Var[y] = 0). */
export function explainedVariance(pred: ArrayLike<number>, target: ArrayLike<number>): number {
  const diff = new Float64Array(target.length);
  for (let i = 0; i < target.length; i++) diff[i] = target[i]! - pred[i]!;
  const vy = meanStd(target).std ** 2;
  return vy === 0 ? Number.NaN : 1 - meanStd(diff).std ** 2 / vy;
}
