import * as tf from '@tensorflow/tfjs';
import { describeValue } from '../returns/describe-value';
import { CoreArgumentError } from '../returns/errors';
import { stopGradient } from './stop-gradient';
import { checkFloatTensor, checkPositive, checkSameShape } from './validate';

/** Log-probabilities of the taken actions under the target policy π and the behaviour policy μ. */
export interface ImportanceRatioInput {
  /** log π(a_t|s_t), any shape, differentiable. */
  logProbs: tf.Tensor;
  /** log μ(a_t|s_t) of the policy that collected the data, same shape; constants. */
  behaviorLogProbs: tf.Tensor;
}

/** Per-step importance ratio, same shape as the inputs. */
export function importanceRatio(input: ImportanceRatioInput): tf.Tensor {
  checkFloatTensor('logProbs', input.logProbs, input.logProbs?.rank ?? 1);
  checkSameShape('behaviorLogProbs', input.behaviorLogProbs, 'logProbs', input.logProbs);
  return tf.tidy(() => {
    // ρ_t = π(a_t|s_t)/μ(a_t|s_t) = exp(logπ − logμ)
    return tf.exp(tf.sub(input.logProbs, stopGradient(input.behaviorLogProbs)));
  });
}

/** Log-probabilities of whole trajectories: rows are trajectories, columns their steps. */
export interface TrajectoryImportanceInput {
  /** log π(a_t|s_t), [N, T] (N trajectories of T steps; [1, T] for one), differentiable. */
  logProbs: tf.Tensor2D;
  /** log μ(a_t|s_t), [N, T]; constants. */
  behaviorLogProbs: tf.Tensor2D;
}

function checkTrajectories(input: TrajectoryImportanceInput): void {
  checkFloatTensor('logProbs', input.logProbs, 2);
  checkSameShape('behaviorLogProbs', input.behaviorLogProbs, 'logProbs', input.logProbs);
}

/** Trajectory importance weight, [N]: the product of the per-step ratios, computed in log space. */
export function trajectoryImportanceWeight(input: TrajectoryImportanceInput): tf.Tensor1D {
  checkTrajectories(input);
  return tf.tidy(() => {
    // W = Π_t ρ_t = exp(Σ_t (logπ(a_t|s_t) − logμ(a_t|s_t)))
    return tf.exp(tf.sum(tf.sub(input.logProbs, stopGradient(input.behaviorLogProbs)), 1)) as tf.Tensor1D;
  });
}

/** Inputs of {@link truncatedImportanceWeight}. */
export interface TruncatedImportanceInput extends TrajectoryImportanceInput {
  /** Truncation level c > 0 of the product. */
  maxWeight: number;
}

/** Truncated (clipped from above) trajectory importance weight, [N]. */
export function truncatedImportanceWeight(input: TruncatedImportanceInput): tf.Tensor1D {
  checkTrajectories(input);
  const maxWeight = checkPositive('maxWeight', input.maxWeight);
  return tf.tidy(() => {
    // W̄ = min(c, Π_t ρ_t)
    return tf.minimum(trajectoryImportanceWeight(input), maxWeight) as tf.Tensor1D;
  });
}

/** How {@link importanceSampledPgLoss} weights the off-policy samples. */
export type ImportanceWeighting = 'per-step' | 'trajectory' | 'truncated';

/** Inputs of {@link importanceSampledPgLoss}. */
export interface ImportanceSampledPgInput {
  /** log π(a_t|s_t): [B] or [N, T] for 'per-step', [N, T] for 'trajectory' and 'truncated'; differentiable. */
  logProbs: tf.Tensor;
  /** log μ(a_t|s_t) of the behaviour policy, same shape; constants. */
  behaviorLogProbs: tf.Tensor;
  /** Advantages or returns G_t, same shape; constants. */
  advantages: tf.Tensor;
  /** 'per-step' ratios ρ_t, the whole-'trajectory' product W, or the 'truncated' product min(c, W). */
  weighting: ImportanceWeighting;
  /** Truncation level c > 0; required by 'truncated'. */
  maxWeight?: number;
}

/**
 * Importance-sampled policy-gradient loss (minimised) on data from a behaviour policy μ:
 * - 'per-step':   L = −mean(ρ_t·A_t), ρ_t differentiable (gradient mean(ρ_t·∇logπ·A_t));
 * - 'trajectory': L = −mean_{n,t}(W_n·logπ(a_t|s_t)·G_t), W_n = Π_t ρ_t held constant;
 * - 'truncated':  the same with min(c, W_n).
 */
export function importanceSampledPgLoss(input: ImportanceSampledPgInput): tf.Scalar {
  const { weighting } = input;
  if (weighting === 'per-step') {
    checkFloatTensor('logProbs', input.logProbs, input.logProbs?.rank ?? 1);
  } else if (weighting === 'trajectory' || weighting === 'truncated') {
    checkFloatTensor('logProbs', input.logProbs, 2);
  } else {
    throw new CoreArgumentError(
      'weighting',
      "'per-step', 'trajectory' or 'truncated'",
      describeValue(weighting),
    );
  }
  if (input.logProbs.size === 0)
    throw new CoreArgumentError('logProbs', 'at least one sample', 'an empty tensor');
  checkSameShape('behaviorLogProbs', input.behaviorLogProbs, 'logProbs', input.logProbs);
  checkSameShape('advantages', input.advantages, 'logProbs', input.logProbs);
  const maxWeight = weighting === 'truncated' ? checkPositive('maxWeight', input.maxWeight as number) : 0;
  return tf.tidy(() => {
    const advantages = stopGradient(input.advantages);
    if (weighting === 'per-step') {
      // L = −mean(ρ_t·A_t), ρ_t = exp(logπ − logμ)
      return tf.neg(tf.mean(tf.mul(importanceRatio(input), advantages))) as tf.Scalar;
    }
    const trajectories = {
      logProbs: input.logProbs as tf.Tensor2D,
      behaviorLogProbs: input.behaviorLogProbs as tf.Tensor2D,
    };
    const weight =
      weighting === 'trajectory'
        ? trajectoryImportanceWeight(trajectories)
        : truncatedImportanceWeight({ ...trajectories, maxWeight });
    // L = −mean_{n,t}(sg(W_n)·logπ(a_t|s_t)·G_t)
    const weighted = tf.mul(tf.expandDims(stopGradient(weight), 1), tf.mul(input.logProbs, advantages));
    return tf.neg(tf.mean(weighted)) as tf.Scalar;
  });
}
