import type { Rng } from '@critic/envs';
import { flagsAt, integerBetween, randomEpisodeEnds, roundTo, uniformArray } from './random-inputs';

/** A random one-trajectory rollout, as the value-based checks take it. */
export interface RandomRollout {
  /** Rewards r_t. */
  rewards: number[];
  /** V(s_t). */
  values: number[];
  /** V(s′_t) (independent of `values`, as after a truncation or at the rollout's end). */
  nextValues: number[];
  /** 1 where the episode terminated at step t. */
  terminated: number[];
  /** 1 where the episode was truncated at step t. */
  truncated: number[];
}

/**
 * A rollout of `length` steps (≥ 3) with at least one termination and one truncation before the last
 * step, so the done mask and the truncation bootstrap both matter.
 */
export function randomRollout(rng: Rng, length: number): RandomRollout {
  const { terminated, truncated } = randomEpisodeEnds(rng, length, 0.2);
  if (length >= 3) {
    if (!terminated.slice(0, length - 1).includes(1)) {
      const t = rng.integer(length - 1);
      terminated[t] = 1;
      truncated[t] = 0;
    }
    if (!truncated.slice(0, length - 1).includes(1)) {
      // a step not terminated, else (all interior steps terminated) any interior step but leave one termination
      const free = [...Array(length - 1).keys()].filter((t) => terminated[t] === 0);
      const t = free.length > 0 ? (free[rng.integer(free.length)] as number) : rng.integer(length - 1);
      terminated[t] = 0;
      truncated[t] = 1;
    }
  }
  return {
    rewards: uniformArray(rng, length, -1, 2),
    values: uniformArray(rng, length, -3, 3),
    nextValues: uniformArray(rng, length, -3, 3),
    terminated,
    truncated,
  };
}

/** A rollout with ends exactly at the given steps. */
export function rolloutWithEnds(
  rng: Rng,
  length: number,
  terminatedAt: readonly number[],
  truncatedAt: readonly number[],
): RandomRollout {
  return {
    rewards: uniformArray(rng, length, -1, 2),
    values: uniformArray(rng, length, -3, 3),
    nextValues: uniformArray(rng, length, -3, 3),
    terminated: flagsAt(length, terminatedAt),
    truncated: flagsAt(length, truncatedAt),
  };
}

/** A random rollout length in [low, high]. */
export function rolloutLength(rng: Rng, low = 4, high = 12): number {
  return integerBetween(rng, low, high);
}

/** A discount γ in [0.8, 0.99]. */
export function randomGamma(rng: Rng): number {
  return roundTo(rng.uniform(0.8, 0.99), 2);
}
