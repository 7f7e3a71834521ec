import type * as tf from '@tensorflow/tfjs';
import { checkBatch, checkPositive, checkSameShape } from './validate';

/** The samples every PPO objective needs: new and old log-probabilities of the taken actions. */
export interface PpoRatioInput {
  /** log π_θ(a_t|s_t) under the policy being optimised, [B], differentiable. */
  logProbs: tf.Tensor1D;
  /** log π_old(a_t|s_t) under the policy that collected the data, [B]; constants. */
  oldLogProbs: tf.Tensor1D;
}

/** Ratio inputs plus advantages. */
export interface PpoSurrogateInput extends PpoRatioInput {
  /** Advantages Â_t, [B]; constants (normalise them beforehand if wanted). */
  advantages: tf.Tensor1D;
}

/** Surrogate inputs plus the clip range. */
export interface PpoClipInput extends PpoSurrogateInput {
  /** Clip range ε > 0: ratios are clipped to [1 − ε, 1 + ε]. */
  clipEpsilon: number;
}

/** Checks the shapes shared by the PPO objectives. */
export function checkRatioInput(input: PpoRatioInput): void {
  checkBatch('logProbs', input.logProbs);
  checkSameShape('oldLogProbs', input.oldLogProbs, 'logProbs', input.logProbs);
}

/** Checks ratio inputs and advantages. */
export function checkSurrogateInput(input: PpoSurrogateInput): void {
  checkRatioInput(input);
  checkSameShape('advantages', input.advantages, 'logProbs', input.logProbs);
}

/** Checks surrogate inputs and returns ε. */
export function checkClipInput(input: PpoClipInput): number {
  checkSurrogateInput(input);
  return checkPositive('clipEpsilon', input.clipEpsilon);
}
