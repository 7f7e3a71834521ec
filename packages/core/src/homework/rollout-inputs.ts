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

/** The arguments of the advantage checks (A2C, GAE): a rollout's rewards, values, next values, ends and γ. */
export type AdvantageArgs = [
  rewards: number[],
  values: number[],
  nextValues: number[],
  terminated: number[],
  truncated: number[],
  gamma: number,
];

/** The arguments of the target checks (TD, n-step): a rollout's rewards, next values, ends and γ. */
export type TargetArgs = [
  rewards: number[],
  nextValues: number[],
  terminated: number[],
  truncated: number[],
  gamma: number,
];

/** An advantage case of `length` steps with ends exactly at the given steps (see {@link rolloutWithEnds}). */
export function advantageCase(
  rng: Rng,
  length: number,
  terminatedAt: readonly number[],
  truncatedAt: readonly number[],
  gamma: number,
): AdvantageArgs {
  const r = rolloutWithEnds(rng, length, terminatedAt, truncatedAt);
  return [r.rewards, r.values, r.nextValues, r.terminated, r.truncated, gamma];
}

/** A target case of `length` steps with ends exactly at the given steps (see {@link rolloutWithEnds}). */
export function targetCase(
  rng: Rng,
  length: number,
  terminatedAt: readonly number[],
  truncatedAt: readonly number[],
  gamma: number,
): TargetArgs {
  const r = rolloutWithEnds(rng, length, terminatedAt, truncatedAt);
  return [r.rewards, r.nextValues, r.terminated, r.truncated, gamma];
}

/** A random advantage case: a {@link randomRollout} of length in [low, high], then a random γ. */
export function randomAdvantageCase(rng: Rng, low: number, high: number): AdvantageArgs {
  const r = randomRollout(rng, rolloutLength(rng, low, high));
  return [r.rewards, r.values, r.nextValues, r.terminated, r.truncated, randomGamma(rng)];
}

/** A random target case: a {@link randomRollout} of length in [low, high], then a random γ. */
export function randomTargetCase(rng: Rng, low: number, high: number): TargetArgs {
  const r = randomRollout(rng, rolloutLength(rng, low, high));
  return [r.rewards, r.nextValues, r.terminated, r.truncated, randomGamma(rng)];
}

/** A random rollout length in [low, high]. */
export function rolloutLength(rng: Rng, low = 4, high = 12): number {
  return integerBetween(rng, low, high);
}

/** A discount γ in [0.8, 0.99]. */
export function randomGamma(rng: Rng): number {
  return roundTo(rng.uniform(0.8, 0.99), 2);
}
