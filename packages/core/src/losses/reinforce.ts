import * as tf from '@tensorflow/tfjs';
import { stopGradient } from './stop-gradient';
import { checkBatch, checkSameShape } from './validate';

/** Inputs of {@link reinforceLoss}. */
export interface ReinforceLossInput {
  /** log π(a_t|s_t) of the taken actions, [B], differentiable. */
  logProbs: tf.Tensor1D;
  /** Returns G_t (or any baseline-subtracted return), [B]; treated as constants. */
  returns: tf.Tensor1D;
}

/** REINFORCE loss, minimised; its gradient is −mean(∇logπ(a|s)·G). */
export function reinforceLoss(input: ReinforceLossInput): tf.Scalar {
  checkBatch('logProbs', input.logProbs);
  checkSameShape('returns', input.returns, 'logProbs', input.logProbs);
  return tf.tidy(() => {
    // L = −mean(logπ(a|s)·G)
    return tf.neg(tf.mean(tf.mul(input.logProbs, stopGradient(input.returns)))) as tf.Scalar;
  });
}
