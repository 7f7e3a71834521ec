import type { MaskArray, NumericArray } from './types';
import { checkFiniteArray, checkLayout, checkMask, checkUnitInterval, optionalMask } from './validate';

/** Options of {@link computeGae}. */
export interface GaeOptions {
  /** Rewards r_t, T × N time-major (index t·N + n). */
  rewards: NumericArray;
  /** V(s_t) of the observation each step acted on, T × N. */
  values: NumericArray;
  /**
   * V(s′_t) of the observation that followed step t, T × N; at an episode end, the value of the
   * true last observation (see `nextValuesFromRollout`). Used to bootstrap on truncation and at the rollout's end.
   */
  nextValues: NumericArray;
  /** 1 where the episode terminated at step t: δ_t does not bootstrap, and the λ-sum stops. */
  terminated: MaskArray;
  /** 1 where the episode was truncated at step t: δ_t bootstraps from V(s′_t), and the λ-sum stops. Default: none. */
  truncated?: MaskArray;
  /** Discount γ in [0, 1]. */
  gamma: number;
  /** GAE λ in [0, 1] (0 = one-step TD advantage, 1 = Monte-Carlo return minus V with bootstrap at cuts). */
  lambda: number;
  /** Number of parallel sub-envs N. Default 1. */
  numEnvs?: number;
}

/** Output of {@link computeGae}: both T × N, time-major. */
export interface GaeResult {
  /** GAE(λ) advantages Â_t. */
  advantages: Float64Array;
  /** λ-returns Â_t + V(s_t), the value-function targets. */
  returns: Float64Array;
}

/**
 * Generalized advantage estimation: `δ_t = r_t + γ·¬term_t·V(s′_t) − V(s_t)`,
 * `Â_t = δ_t + γλ·¬(term_t ∨ trunc_t)·Â_{t+1}`, with Â after the rollout's last step = 0.
 */
export function computeGae(options: GaeOptions): GaeResult {
  const rewards = checkFiniteArray('rewards', options.rewards);
  const length = rewards.length;
  const values = checkFiniteArray('values', options.values, length);
  const nextValues = checkFiniteArray('nextValues', options.nextValues, length);
  const terminated = checkMask('terminated', options.terminated, length);
  const truncated = optionalMask('truncated', options.truncated, length);
  const gamma = checkUnitInterval('gamma', options.gamma);
  const lambda = checkUnitInterval('lambda', options.lambda);
  const { numEnvs, numSteps } = checkLayout(options.numEnvs, length);
  const advantages = new Float64Array(length);
  const returns = new Float64Array(length);
  for (let n = 0; n < numEnvs; n++) {
    let next = 0;
    for (let t = numSteps - 1; t >= 0; t--) {
      const i = t * numEnvs + n;
      const term = terminated[i] as number;
      const ended = term === 1 || truncated[i] === 1 ? 1 : 0;
      // δ_t = r_t + γ·¬term_t·V(s′_t) − V(s_t)
      const delta =
        (rewards[i] as number) + gamma * (1 - term) * (nextValues[i] as number) - (values[i] as number);
      // Â_t = δ_t + γλ·¬(term_t ∨ trunc_t)·Â_{t+1}
      next = delta + gamma * lambda * (1 - ended) * next;
      advantages[i] = next;
      returns[i] = next + (values[i] as number);
    }
  }
  return { advantages, returns };
}
