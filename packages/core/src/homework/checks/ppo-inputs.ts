import type { Rng } from '@critic/envs';
import { integerBetween, roundTo, uniformArray } from '../random-inputs';
import { behaviorOf } from './importance-ratio';

/** A random PPO batch: new and old log-probabilities, advantages, per-state KL and entropy. */
export interface PpoBatch {
  /** log π_θ(a_t|s_t). */
  logProbs: number[];
  /** log π_old(a_t|s_t). */
  oldLogProbs: number[];
  /** Advantages Â_t (both signs). */
  advantages: number[];
  /** KL(π_old‖π_θ) per state (≥ 0). */
  kl: number[];
  /** Entropy H(π_θ(·|s_t)) per state (≥ 0). */
  entropy: number[];
}

/** A batch of `size`; `spread` bounds |log π_θ − log π_old| (0.5 puts many ratios outside a 0.2 clip range). */
export function randomPpoBatch(rng: Rng, size: number, spread = 0.5): PpoBatch {
  const logProbs = uniformArray(rng, size, -2.5, -0.1);
  return {
    logProbs,
    oldLogProbs: behaviorOf(rng, logProbs, spread),
    advantages: uniformArray(rng, size, -2, 2),
    kl: uniformArray(rng, size, 0, 0.1, 3),
    entropy: uniformArray(rng, size, 0.2, 1.5),
  };
}

/** A batch size in [4, 10]. */
export const randomBatchSize = (rng: Rng) => integerBetween(rng, 4, 10);

/** A clip range ε in {0.1, 0.2, 0.3}. */
export const randomClip = (rng: Rng) => [0.1, 0.2, 0.3][rng.integer(3)] as number;

/** A coefficient in [low, high), 2 decimals. */
export const randomCoef = (rng: Rng, low: number, high: number) => roundTo(rng.uniform(low, high), 2);

/**
 * A batch whose ratios lie far outside the clip range on both sides (ratios about e^±1), with
 * both advantage signs on each side.
 */
export function farRatioBatch(rng: Rng): PpoBatch {
  const batch = randomPpoBatch(rng, 8, 0.05);
  batch.logProbs = batch.logProbs.map((lp, t) => (t % 2 === 1 ? roundTo(Math.min(lp, -1.1), 2) : lp));
  // ratio exp(log π_θ − log π_old) = e on even steps, 1/e on odd ones
  batch.oldLogProbs = batch.logProbs.map((lp, t) => roundTo(lp + (t % 2 === 0 ? -1 : 1), 2));
  batch.advantages = batch.advantages.map((a, t) => roundTo((t % 4 < 2 ? 1 : -1) * (Math.abs(a) + 0.1), 2));
  return batch;
}
