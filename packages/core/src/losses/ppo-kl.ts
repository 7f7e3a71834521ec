import * as tf from '@tensorflow/tfjs';
import { importanceRatio } from './importance';
import type { PpoSurrogateInput } from './ppo-inputs';
import { checkSurrogateInput } from './ppo-inputs';
import { stopGradient } from './stop-gradient';
import { checkCoefficient, checkSameShape } from './validate';

/** Inputs of {@link ppoKlPenaltyLoss}. */
export interface PpoKlPenaltyInput extends PpoSurrogateInput {
  /** Per-state KL(π_old(·|s) ‖ π_θ(·|s)), [B], differentiable (e.g. `oldDist.kl(newDist)`). */
  kl: tf.Tensor1D;
  /** Penalty coefficient ρ ≥ 0 (fixed, or the current value of an `AdaptiveKlController`). */
  klCoef: number;
}

/** A PPO objective's total loss and its parts, each a scalar. */
export type PpoLossOutput = {
  /** Total loss to minimise. */
  loss: tf.Scalar;
  /** The policy (surrogate) part: −mean(r·A), or the clipped one. */
  policyLoss: tf.Scalar;
  /** mean(KL) over the batch. */
  kl: tf.Scalar;
};

/** Probability ratios r_t = exp(logπ_θ − logπ_old), [B]. */
export function ppoRatio(input: PpoSurrogateInput): tf.Tensor1D {
  return importanceRatio({ logProbs: input.logProbs, behaviorLogProbs: input.oldLogProbs }) as tf.Tensor1D;
}

/** PPO with a KL penalty (minimised). */
export function ppoKlPenaltyLoss(input: PpoKlPenaltyInput): PpoLossOutput {
  checkSurrogateInput(input);
  checkSameShape('kl', input.kl, 'logProbs', input.logProbs);
  const klCoef = checkCoefficient('klCoef', input.klCoef);
  return tf.tidy(() => {
    const policyLoss = tf.neg(tf.mean(tf.mul(ppoRatio(input), stopGradient(input.advantages)))) as tf.Scalar;
    const kl = tf.mean(input.kl) as tf.Scalar;
    // L = −mean(r·A) + ρ·mean(KL(π_old‖π_θ))
    const loss = tf.add(policyLoss, tf.mul(klCoef, kl)) as tf.Scalar;
    return { loss, policyLoss, kl };
  });
}
