import { describeValue } from './describe-value';
import { CoreArgumentError } from './errors';
import type { MaskArray, NumericArray } from './types';
import { checkFiniteArray, checkLayout, checkMask, checkUnitInterval, optionalMask } from './validate';

/** Options of {@link nStepReturns}. */
export interface NStepReturnsOptions {
  /** Rewards r_t, T × N time-major (index t·N + n). */
  rewards: NumericArray;
  /** V(s′_t) of the observation that followed step t (true last observation at episode ends). */
  nextValues: NumericArray;
  /** 1 where the episode terminated at step t: the return stops there, no bootstrap. */
  terminated: MaskArray;
  /** 1 where the episode was truncated at step t: the return stops there and bootstraps from V(s′_t). Default: none. */
  truncated?: MaskArray;
  /** Discount γ in [0, 1]. */
  gamma: number;
  /** Number of rewards summed before bootstrapping, a positive integer (1 = TD target). */
  n: number;
  /** Number of parallel sub-envs N. Default 1. */
  numEnvs?: number;
}

/**
 * n-step returns `G_t = Σ_{k<m} γ^k r_{t+k} + γ^m ¬d V(s′_{t+m−1})`, where m ≤ n is cut short by an
 * episode end or by the end of the rollout (which bootstraps from V(s′) of its last step).
 */
export function nStepReturns(options: NStepReturnsOptions): Float64Array {
  const rewards = checkFiniteArray('rewards', options.rewards);
  const nextValues = checkFiniteArray('nextValues', options.nextValues, rewards.length);
  const terminated = checkMask('terminated', options.terminated, rewards.length);
  const truncated = optionalMask('truncated', options.truncated, rewards.length);
  const gamma = checkUnitInterval('gamma', options.gamma);
  const horizon = options.n;
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new CoreArgumentError('n', 'a positive integer', describeValue(horizon));
  }
  const { numEnvs, numSteps } = checkLayout(options.numEnvs, rewards.length);
  const out = new Float64Array(rewards.length);
  for (let n = 0; n < numEnvs; n++) {
    for (let t = 0; t < numSteps; t++) {
      let sum = 0;
      let discount = 1;
      for (let k = 0; k < horizon; k++) {
        const i = (t + k) * numEnvs + n;
        sum += discount * (rewards[i] as number);
        discount *= gamma;
        if (terminated[i] === 1) break;
        if (truncated[i] === 1 || k === horizon - 1 || t + k === numSteps - 1) {
          // bootstrap: + γ^m·V(s′_{t+m−1})
          sum += discount * (nextValues[i] as number);
          break;
        }
      }
      out[t * numEnvs + n] = sum;
    }
  }
  return out;
}
