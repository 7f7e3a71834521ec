/**
 * Debiased exponential moving average (as TensorBoard's smoothing slider): with weight w ∈ [0, 1),
 * s_t = w·s_{t−1} + (1 − w)·x_t, s_0 = 0, reported as s_t / (1 − w^t) so early points are not pulled to 0.
 */
export function emaSmooth(values: readonly number[], weight: number): number[] {
  if (!(weight >= 0 && weight < 1))
    throw new Error(`smoothing weight: expected a number in [0, 1), found ${weight}`);
  const out: number[] = [];
  let s = 0;
  let correction = 1;
  for (const x of values) {
    s = weight * s + (1 - weight) * x;
    correction *= weight;
    out.push(s / (1 - correction));
  }
  return out;
}
