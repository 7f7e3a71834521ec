import * as tf from '@tensorflow/tfjs';
import { stopGradient } from './stop-gradient';
import { checkBatch, checkCoefficient, checkSameShape } from './validate';
import { valueLoss } from './value';

/** Inputs of {@link a2cLoss}. */
export interface A2cLossInput {
  /** log π(a_t|s_t) of the taken actions, [B], differentiable. */
  logProbs: tf.Tensor1D;
  /** Advantages A_t = −V(s) + r + γ¬dV(s′) (or GAE), [B]; constants. */
  advantages: tf.Tensor1D;
  /** V(s_t) predicted by the critic, [B], differentiable. */
  values: tf.Tensor1D;
  /** Value targets (e.g. r + γ¬dV(s′)), [B]; constants. */
  targets: tf.Tensor1D;
  /** Entropy H(π(·|s_t)) per sample, [B], differentiable. */
  entropy: tf.Tensor1D;
  /** Weight c_V of the value loss (≥ 0). Default 0.5. */
  valueCoef?: number;
  /** Weight c_H of the entropy bonus (≥ 0). Default 0.01. */
  entropyCoef?: number;
}

/** The A2C loss and its parts, each a scalar (the caller disposes them, or runs inside `tf.tidy`). */
export type A2cLossOutput = {
  /** Total loss to minimise. */
  loss: tf.Scalar;
  /** −mean(logπ·A). */
  policyLoss: tf.Scalar;
  /** mean((V − target)²). */
  valueLoss: tf.Scalar;
  /** mean(H), the bonus (subtracted in `loss`). */
  entropy: tf.Scalar;
};

/** Advantage actor-critic loss (minimised). */
export function a2cLoss(input: A2cLossInput): A2cLossOutput {
  checkBatch('logProbs', input.logProbs);
  checkSameShape('advantages', input.advantages, 'logProbs', input.logProbs);
  checkSameShape('values', input.values, 'logProbs', input.logProbs);
  checkSameShape('targets', input.targets, 'logProbs', input.logProbs);
  checkSameShape('entropy', input.entropy, 'logProbs', input.logProbs);
  const valueCoef = checkCoefficient('valueCoef', input.valueCoef ?? 0.5);
  const entropyCoef = checkCoefficient('entropyCoef', input.entropyCoef ?? 0.01);
  return tf.tidy(() => {
    const policyLoss = tf.neg(tf.mean(tf.mul(input.logProbs, stopGradient(input.advantages)))) as tf.Scalar;
    const vLoss = valueLoss({ values: input.values, targets: input.targets });
    const entropy = tf.mean(input.entropy) as tf.Scalar;
    // L = −mean(logπ(a|s)·A) + c_V·mean((V(s) − target)²) − c_H·mean(H(π(·|s)))
    const loss = tf.sub(
      tf.add(policyLoss, tf.mul(valueCoef, vLoss)),
      tf.mul(entropyCoef, entropy),
    ) as tf.Scalar;
    return { loss, policyLoss, valueLoss: vLoss, entropy };
  });
}
