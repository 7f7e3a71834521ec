import type { Rng } from '../rng';

/** One outcome of an action, as Gymnasium's `P[s][a]` entries: (probability, next state, reward, terminated). */
export type Transition = readonly [
  probability: number,
  nextState: number,
  reward: number,
  terminated: boolean,
];

/** Gymnasium's `env.unwrapped.P`: `P[state][action]` lists every outcome of taking `action` in `state`. */
export type TransitionModel = readonly (readonly (readonly Transition[])[])[];

/**
 * Gymnasium's `categorical_sample`: draws u ~ U[0, 1) from `rng` and returns the first index whose
 * running sum of `probabilities` exceeds u (index 0 when rounding leaves none, as numpy's argmax).
 * One draw is consumed even when there is a single outcome, as in Gymnasium.
 */
export function categoricalSample(probabilities: ArrayLike<number>, rng: Rng): number {
  const u = rng.random();
  let cumulative = 0;
  for (let i = 0; i < probabilities.length; i++) {
    // cumsum_i = p_0 + … + p_i, added left to right as numpy.cumsum
    cumulative += probabilities[i]!;
    if (cumulative > u) return i;
  }
  return 0;
}
