import { Rng } from '@critic/envs';

/**
 * The PRNG a sampled policy draws episode `seed`'s actions from. It is Rng(2^32 + seed): a stream
 * of its own (the env's reset uses Rng(seed)), fixed by the seed, so a rerun draws the same actions.
 */
export function actionRng(seed: number): Rng {
  return new Rng(0x1_0000_0000 + seed);
}

/**
 * Draws an index from softmax(logits[offset … offset + k)) by inversion of one uniform u:
 * the first j with Σ_{i ≤ j} exp(l_i − max) ≥ u · Σ_i exp(l_i − max).
 * Returns −1 when a logit is not finite (the caller reports invalid_action).
 */
export function sampleSoftmax(logits: ArrayLike<number>, offset: number, k: number, rng: Rng): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < k; j++) {
    const l = logits[offset + j]!;
    if (!Number.isFinite(l)) return -1;
    if (l > max) max = l;
  }
  let total = 0;
  for (let j = 0; j < k; j++) total += Math.exp(logits[offset + j]! - max);
  const target = rng.random() * total;
  let acc = 0;
  for (let j = 0; j < k; j++) {
    acc += Math.exp(logits[offset + j]! - max);
    if (target < acc) return j;
  }
  return k - 1;
}
