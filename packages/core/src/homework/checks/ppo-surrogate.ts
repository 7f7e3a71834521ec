/** Float64 pieces of the PPO objectives, for the references and the wrong variants. */

/** mean of an array (0 for an empty one). */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** r_t = exp(log π_θ − log π_old). */
export function ratios(logProbs: readonly number[], oldLogProbs: readonly number[]): number[] {
  return logProbs.map((lp, t) => Math.exp(lp - (oldLogProbs[t] as number)));
}

/** clip(x, low, high). */
export function clip(x: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, x));
}

/** Per-sample clipped surrogate with a chosen combiner: min (correct), max, …. */
export function clippedTerms(
  ratio: readonly number[],
  advantages: readonly number[],
  epsilon: number,
  combine: (unclipped: number, clipped: number) => number = Math.min,
): number[] {
  return ratio.map((r, t) => {
    const a = advantages[t] as number;
    return combine(r * a, clip(r, 1 - epsilon, 1 + epsilon) * a);
  });
}
