import type { Rng } from '@critic/envs';
import type * as tf from '@tensorflow/tfjs';

/**
 * A batch of B action distributions, one per row. The distribution does not own its parameter
 * tensors; every method returns a new tensor (dispose it, or call inside `tf.tidy`).
 */
export interface Distribution<Actions, ActionTensor extends tf.Tensor> {
  /** Batch size B. */
  readonly batchSize: number;
  /** One seeded draw per row from `rng` (on the CPU, so the same logits/means give the same draw on every backend). */
  sample(rng: Rng): Actions;
  /** The most likely action per row (argmax, or the mean). */
  mode(): ActionTensor;
  /** log p(a_b) per row, [B]; differentiable w.r.t. the parameters. */
  logProb(actions: Actions | ActionTensor): tf.Tensor1D;
  /** Entropy per row, [B]. */
  entropy(): tf.Tensor1D;
  /** KL(this ‖ other) per row, [B], in closed form. */
  kl(other: this): tf.Tensor1D;
}
