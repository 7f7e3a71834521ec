import type { Rng } from '@critic/envs';
import * as tf from '@tensorflow/tfjs';
import { checkFloatTensor } from '../losses/validate';
import { describeValue } from '../returns/describe-value';
import { CoreArgumentError } from '../returns/errors';
import type { Distribution } from './types';

/** Integer actions: one per row. */
export type CategoricalActions = Int32Array | readonly number[];

/**
 * Categorical distributions over K actions, from unnormalised logits [B, K]. Logits must be finite
 * (mask an action with a large negative logit such as −1e9, not −Infinity).
 */
export class Categorical implements Distribution<CategoricalActions, tf.Tensor1D> {
  readonly batchSize: number;
  /** Number of categories K. */
  readonly numCategories: number;

  constructor(readonly logits: tf.Tensor2D) {
    checkFloatTensor('logits', logits, 2);
    const [b, k] = logits.shape;
    if (k < 1)
      throw new CoreArgumentError('logits', 'at least one category (shape [B, K ≥ 1])', `shape [${b}, ${k}]`);
    this.batchSize = b;
    this.numCategories = k;
  }

  /** Normalised log-probabilities log p(k), [B, K]. */
  logProbs(): tf.Tensor2D {
    // log p = logits − logsumexp(logits)
    return tf.logSoftmax(this.logits) as tf.Tensor2D;
  }

  /** Probabilities p(k), [B, K]. */
  probs(): tf.Tensor2D {
    return tf.softmax(this.logits) as tf.Tensor2D;
  }

  /** Inverse-CDF draw per row from one `rng.random()` each, rows in order; probabilities computed in float64. */
  sample(rng: Rng): Int32Array {
    const logits = this.logits.dataSync();
    const k = this.numCategories;
    const out = new Int32Array(this.batchSize);
    for (let b = 0; b < this.batchSize; b++) {
      const row = b * k;
      let max = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < k; j++) {
        const logit = logits[row + j] as number;
        if (!Number.isFinite(logit)) {
          throw new CoreArgumentError(
            'logits',
            'finite values to sample from',
            `${describeValue(logit)} in row ${b}`,
          );
        }
        max = Math.max(max, logit);
      }
      let total = 0;
      for (let j = 0; j < k; j++) total += Math.exp((logits[row + j] as number) - max);
      const u = rng.random() * total;
      let cumulative = 0;
      let choice = k - 1;
      for (let j = 0; j < k; j++) {
        cumulative += Math.exp((logits[row + j] as number) - max);
        if (u < cumulative) {
          choice = j;
          break;
        }
      }
      out[b] = choice;
    }
    return out;
  }

  /** argmax of the logits per row (int32, [B]). */
  mode(): tf.Tensor1D {
    return tf.argMax(this.logits, 1) as tf.Tensor1D;
  }

  /** log p(a_b) per row, [B]. `actions`: B integers in [0, K), as an array or an int32 tensor [B]. */
  logProb(actions: CategoricalActions | tf.Tensor1D): tf.Tensor1D {
    const owned = !(actions instanceof tf.Tensor);
    const indices = this.actionTensor(actions);
    try {
      return tf.tidy(() => {
        // log π(a|s) = Σ_k onehot(a)_k · logsoftmax(logits)_k
        return tf.sum(tf.mul(tf.oneHot(indices, this.numCategories), this.logProbs()), 1) as tf.Tensor1D;
      });
    } finally {
      if (owned) indices.dispose();
    }
  }

  /** Entropy per row, [B]. */
  entropy(): tf.Tensor1D {
    return tf.tidy(() => {
      const logP = this.logProbs();
      const p = tf.exp(logP);
      // H = −Σ_k p_k·log p_k (finite logits keep log p_k finite, so an underflowed p_k = 0 adds 0)
      return tf.neg(tf.sum(tf.mul(p, logP), 1)) as tf.Tensor1D;
    });
  }

  /** KL(this ‖ other) per row, [B]. */
  kl(other: Categorical): tf.Tensor1D {
    if (
      !(other instanceof Categorical) ||
      other.batchSize !== this.batchSize ||
      other.numCategories !== this.numCategories
    ) {
      throw new CoreArgumentError(
        'other',
        `a Categorical of shape [${this.batchSize}, ${this.numCategories}]`,
        other instanceof Categorical
          ? `shape [${other.batchSize}, ${other.numCategories}]`
          : describeValue(other),
      );
    }
    return tf.tidy(() => {
      const logP = this.logProbs();
      const p = tf.exp(logP);
      // KL(p‖q) = Σ_k p_k·(log p_k − log q_k)
      return tf.sum(tf.mul(p, tf.sub(logP, other.logProbs())), 1) as tf.Tensor1D;
    });
  }

  private actionTensor(actions: CategoricalActions | tf.Tensor1D): tf.Tensor1D {
    if (actions instanceof tf.Tensor) {
      if (actions.dtype !== 'int32' || actions.rank !== 1 || actions.shape[0] !== this.batchSize) {
        throw new CoreArgumentError(
          'actions',
          `an int32 tensor of shape [${this.batchSize}]`,
          `a ${actions.dtype} tensor of shape [${actions.shape.join(', ')}]`,
        );
      }
      return actions;
    }
    if (!(Array.isArray(actions) || actions instanceof Int32Array)) {
      throw new CoreArgumentError(
        'actions',
        `an Int32Array or number[] of length ${this.batchSize}`,
        describeValue(actions),
      );
    }
    if (actions.length !== this.batchSize) {
      throw new CoreArgumentError(
        'actions',
        `length ${this.batchSize} (batch size)`,
        `length ${actions.length}`,
      );
    }
    for (let i = 0; i < actions.length; i++) {
      const a = actions[i];
      if (!Number.isInteger(a) || (a as number) < 0 || (a as number) >= this.numCategories) {
        throw new CoreArgumentError(
          'actions',
          `integers in [0, ${this.numCategories})`,
          `${describeValue(a)} at index ${i}`,
        );
      }
    }
    return tf.tensor1d(Array.from(actions), 'int32');
  }
}
