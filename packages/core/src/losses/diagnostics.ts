import * as tf from '@tensorflow/tfjs';
import type { PpoRatioInput } from './ppo-inputs';
import { checkRatioInput } from './ppo-inputs';
import { checkPositive } from './validate';

/** Approximate KL(π_old ‖ π_θ) from the sampled actions, ≥ 0 per sample (a diagnostic, no gradient intended). */
export function approxKl(input: PpoRatioInput): tf.Scalar {
  checkRatioInput(input);
  return tf.tidy(() => {
    const logRatio = tf.sub(input.logProbs, input.oldLogProbs);
    // approx KL = mean((r − 1) − log r), r = exp(logπ_θ − logπ_old)
    return tf.mean(tf.sub(tf.sub(tf.exp(logRatio), 1), logRatio)) as tf.Scalar;
  });
}

/** Inputs of {@link clipFraction}. */
export interface ClipFractionInput extends PpoRatioInput {
  /** Clip range ε > 0. */
  clipEpsilon: number;
}

/** Fraction of samples whose ratio lies outside [1 − ε, 1 + ε] (a diagnostic). */
export function clipFraction(input: ClipFractionInput): tf.Scalar {
  checkRatioInput(input);
  const clipEpsilon = checkPositive('clipEpsilon', input.clipEpsilon);
  return tf.tidy(() => {
    const ratio = tf.exp(tf.sub(input.logProbs, input.oldLogProbs));
    // clipfrac = mean(|r − 1| > ε)
    return tf.mean(tf.cast(tf.greater(tf.abs(tf.sub(ratio, 1)), clipEpsilon), 'float32')) as tf.Scalar;
  });
}
