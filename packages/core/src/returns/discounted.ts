import type { MaskArray, NumericArray } from './types';
import { checkFiniteArray, checkLayout, checkUnitInterval, optionalMask } from './validate';

/** Options of {@link discountedReturns}. */
export interface DiscountedReturnsOptions {
  /** Rewards r_t, T × N time-major (index t·N + n). */
  rewards: NumericArray;
  /** 1 where the episode ended (terminated or truncated) at that step; no return flows across it. Default: none. */
  dones?: MaskArray;
  /** Discount γ in [0, 1]. */
  gamma: number;
  /** Number of parallel sub-envs N (columns of the layout). Default 1 (one trajectory). */
  numEnvs?: number;
}

/**
 * Discounted Monte-Carlo return of every step, without bootstrapping: a rollout that stops
 * mid-episode gets the partial sum of the rewards it saw.
 */
export function discountedReturns(options: DiscountedReturnsOptions): Float64Array {
  const rewards = checkFiniteArray('rewards', options.rewards);
  const gamma = checkUnitInterval('gamma', options.gamma);
  const dones = optionalMask('dones', options.dones, rewards.length);
  const { numEnvs, numSteps } = checkLayout(options.numEnvs, rewards.length);
  const out = new Float64Array(rewards.length);
  for (let n = 0; n < numEnvs; n++) {
    let next = 0;
    for (let t = numSteps - 1; t >= 0; t--) {
      const i = t * numEnvs + n;
      // G_t = r_t + γ·(1 − d_t)·G_{t+1}
      next = (rewards[i] as number) + gamma * (1 - (dones[i] as number)) * next;
      out[i] = next;
    }
  }
  return out;
}
