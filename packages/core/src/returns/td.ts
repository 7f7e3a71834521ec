import { CoreArgumentError } from './errors';
import type { MaskArray, NumericArray } from './types';
import { checkFiniteArray, checkLayout, checkMask, checkUnitInterval } from './validate';

/** Options of {@link tdTargets}. */
export interface TdTargetsOptions {
  /** Rewards r_t (any flat layout; element-wise). */
  rewards: NumericArray;
  /** V(s′_t): value of the observation that followed step t (the true last observation at an episode end). */
  nextValues: NumericArray;
  /** 1 where s′_t is terminal (terminated, not truncated): no bootstrap there. */
  terminated: MaskArray;
  /** Discount γ in [0, 1]. */
  gamma: number;
}

/** One-step TD targets, element-wise. Truncated steps are not terminal: they bootstrap from V(s′). */
export function tdTargets(options: TdTargetsOptions): Float64Array {
  const rewards = checkFiniteArray('rewards', options.rewards);
  const nextValues = checkFiniteArray('nextValues', options.nextValues, rewards.length);
  const terminated = checkMask('terminated', options.terminated, rewards.length);
  const gamma = checkUnitInterval('gamma', options.gamma);
  const out = new Float64Array(rewards.length);
  for (let i = 0; i < rewards.length; i++) {
    // y = r + γ·¬d·V(s′)
    out[i] = (rewards[i] as number) + gamma * (1 - (terminated[i] as number)) * (nextValues[i] as number);
  }
  return out;
}

/** Options of {@link a2cAdvantages}: the TD target's options plus V(s_t). */
export interface A2cAdvantagesOptions extends TdTargetsOptions {
  /** V(s_t) of the observation each step acted on. */
  values: NumericArray;
}

/** The A2C (one-step TD) advantage, element-wise. */
export function a2cAdvantages(options: A2cAdvantagesOptions): Float64Array {
  const targets = tdTargets(options);
  const values = checkFiniteArray('values', options.values, targets.length);
  for (let i = 0; i < targets.length; i++) {
    // A = −V(s) + r + γ·¬d·V(s′)
    targets[i] = (targets[i] as number) - (values[i] as number);
  }
  return targets;
}

/** Options of {@link nextValuesFromRollout}. */
export interface NextValuesFromRolloutOptions {
  /** V(s_t) of the observation each step acted on, T × N time-major. */
  values: NumericArray;
  /** V of the observation returned by the rollout's last step, one per sub-env (N). */
  lastValues: NumericArray;
  /** Number of parallel sub-envs N. Default 1. */
  numEnvs?: number;
}

/**
 * V(s′_t) for every step of a vector-env rollout: `values` shifted one step, `lastValues` after the
 * last step. Exact for Gymnasium's next-step autoreset (the envs package's `VectorEnv`): the
 * observation returned at an episode end is the true last observation, and the next step is the
 * reset step (not a transition; drop it from losses).
 */
export function nextValuesFromRollout(options: NextValuesFromRolloutOptions): Float64Array {
  const values = checkFiniteArray('values', options.values);
  const { numEnvs, numSteps } = checkLayout(options.numEnvs, values.length);
  const lastValues = checkFiniteArray('lastValues', options.lastValues);
  if (lastValues.length !== numEnvs) {
    throw new CoreArgumentError('lastValues', `length numEnvs = ${numEnvs}`, `length ${lastValues.length}`);
  }
  const out = new Float64Array(values.length);
  for (let t = 0; t < numSteps; t++) {
    for (let n = 0; n < numEnvs; n++) {
      const next = t + 1 < numSteps ? values[(t + 1) * numEnvs + n] : lastValues[n];
      out[t * numEnvs + n] = next as number;
    }
  }
  return out;
}
