import * as tf from '@tensorflow/tfjs';
import { stopGradient } from './stop-gradient';
import { checkBatch, checkSameShape } from './validate';

/** Inputs of {@link valueLoss}. */
export interface ValueLossInput {
  /** V(s_t) predicted by the critic, [B], differentiable. */
  values: tf.Tensor1D;
  /** Targets (TD targets, n-step or λ-returns), [B]; constants (semi-gradient). */
  targets: tf.Tensor1D;
}

/** Value (TD) loss, the plain mean squared error: no ½ factor (scale it with a value coefficient). */
export function valueLoss(input: ValueLossInput): tf.Scalar {
  checkBatch('values', input.values);
  checkSameShape('targets', input.targets, 'values', input.values);
  return tf.tidy(() => {
    // L_V = mean((V(s) − target)²)
    return tf.mean(tf.squaredDifference(input.values, stopGradient(input.targets))) as tf.Scalar;
  });
}
