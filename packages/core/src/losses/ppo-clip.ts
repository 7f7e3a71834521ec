import * as tf from '@tensorflow/tfjs';
import type { PpoClipInput } from './ppo-inputs';
import { checkClipInput } from './ppo-inputs';
import type { PpoLossOutput } from './ppo-kl';
import { ppoRatio } from './ppo-kl';
import { stopGradient } from './stop-gradient';
import { checkCoefficient, checkSameShape } from './validate';

function clippedSurrogateLoss(input: PpoClipInput, clipEpsilon: number): tf.Scalar {
  return tf.tidy(() => {
    const ratio = ppoRatio(input);
    const advantages = stopGradient(input.advantages);
    const clipped = tf.clipByValue(ratio, 1 - clipEpsilon, 1 + clipEpsilon);
    // L_clip = −mean(min(r·A, clip(r, 1−ε, 1+ε)·A))
    return tf.neg(tf.mean(tf.minimum(tf.mul(ratio, advantages), tf.mul(clipped, advantages)))) as tf.Scalar;
  });
}

/** PPO-clip loss (minimised). */
export function ppoClipLoss(input: PpoClipInput): tf.Scalar {
  const clipEpsilon = checkClipInput(input);
  return clippedSurrogateLoss(input, clipEpsilon);
}

/** Inputs of {@link ppoClipKlLoss}. */
export interface PpoClipKlInput extends PpoClipInput {
  /** Per-state KL(π_old(·|s) ‖ π_θ(·|s)), [B], differentiable. */
  kl: tf.Tensor1D;
  /** KL coefficient β ≥ 0. */
  klCoef: number;
}

/** PPO-clip plus a KL penalty (minimised). */
export function ppoClipKlLoss(input: PpoClipKlInput): PpoLossOutput {
  const clipEpsilon = checkClipInput(input);
  checkSameShape('kl', input.kl, 'logProbs', input.logProbs);
  const klCoef = checkCoefficient('klCoef', input.klCoef);
  return tf.tidy(() => {
    const policyLoss = clippedSurrogateLoss(input, clipEpsilon);
    const kl = tf.mean(input.kl) as tf.Scalar;
    // L = L_clip + β·mean(KL(π_old‖π_θ))
    const loss = tf.add(policyLoss, tf.mul(klCoef, kl)) as tf.Scalar;
    return { loss, policyLoss, kl };
  });
}

/** Inputs of {@link ppoClipKlEntropyLoss}. */
export interface PpoClipKlEntropyInput extends PpoClipKlInput {
  /** Entropy H(π_θ(·|s_t)) per sample, [B], differentiable. */
  entropy: tf.Tensor1D;
  /** Entropy coefficient c ≥ 0 (the bonus is subtracted: higher entropy lowers the loss). */
  entropyCoef: number;
}

/** Output of {@link ppoClipKlEntropyLoss}: the PPO parts plus the mean entropy. */
export type PpoClipKlEntropyOutput = PpoLossOutput & {
  /** mean(H) over the batch. */
  entropy: tf.Scalar;
};

/** PPO-clip plus a KL penalty minus an entropy bonus (minimised). */
export function ppoClipKlEntropyLoss(input: PpoClipKlEntropyInput): PpoClipKlEntropyOutput {
  checkClipInput(input);
  checkSameShape('kl', input.kl, 'logProbs', input.logProbs);
  checkSameShape('entropy', input.entropy, 'logProbs', input.logProbs);
  checkCoefficient('klCoef', input.klCoef);
  const entropyCoef = checkCoefficient('entropyCoef', input.entropyCoef);
  return tf.tidy(() => {
    const clipKl = ppoClipKlLoss(input);
    const entropy = tf.mean(input.entropy) as tf.Scalar;
    // L = L_clip + β·mean(KL) − c·mean(H): the clip + KL loss above, minus the entropy bonus
    const loss = tf.sub(clipKl.loss, tf.mul(entropyCoef, entropy)) as tf.Scalar;
    return { loss, policyLoss: clipKl.policyLoss, kl: clipKl.kl, entropy };
  });
}
