import type { Rng } from '@critic/envs';
import * as tf from '@tensorflow/tfjs';
import { checkFloatTensor } from '../losses/validate';
import { describeValue } from '../returns/describe-value';
import { CoreArgumentError } from '../returns/errors';
import type { Distribution } from './types';

/** Continuous actions, B × D row-major (row b at `b·D … b·D + D − 1`). */
export type GaussianActions = Float32Array | Float64Array | readonly number[];

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Diagonal Gaussian distributions: mean [B, D], log standard deviation [D] (state-independent,
 * shared by all rows) or [B, D].
 */
export class DiagGaussian implements Distribution<Float32Array, tf.Tensor2D> {
  readonly batchSize: number;
  /** Action dimension D. */
  readonly actionDim: number;

  constructor(
    readonly mean: tf.Tensor2D,
    readonly logStd: tf.Tensor1D | tf.Tensor2D,
  ) {
    checkFloatTensor('mean', mean, 2);
    const [b, d] = mean.shape;
    if (d < 1) throw new CoreArgumentError('mean', 'shape [B, D ≥ 1]', `shape [${b}, ${d}]`);
    const ok =
      logStd instanceof tf.Tensor &&
      logStd.dtype === 'float32' &&
      ((logStd.rank === 1 && logStd.shape[0] === d) ||
        (logStd.rank === 2 && logStd.shape[0] === b && logStd.shape[1] === d));
    if (!ok) {
      throw new CoreArgumentError(
        'logStd',
        `a float32 tensor of shape [${d}] or [${b}, ${d}]`,
        logStd instanceof tf.Tensor
          ? `a ${logStd.dtype} tensor of shape [${logStd.shape.join(', ')}]`
          : describeValue(logStd),
      );
    }
    this.batchSize = b;
    this.actionDim = d;
  }

  /** a = μ + σ·z with z from `rng.normal()`, one per entry in row-major order; computed in float64. */
  sample(rng: Rng): Float32Array {
    const mean = this.mean.dataSync();
    const logStd = this.logStd.dataSync();
    const shared = this.logStd.rank === 1;
    const d = this.actionDim;
    const out = new Float32Array(this.batchSize * d);
    for (let i = 0; i < out.length; i++) {
      const sigma = Math.exp(logStd[shared ? i % d : i] as number);
      const mu = mean[i] as number;
      if (!Number.isFinite(mu) || !Number.isFinite(sigma)) {
        const [argument, bad] = Number.isFinite(mu) ? ['logStd', sigma] : ['mean', mu];
        const where = `row ${Math.floor(i / d)}, dimension ${i % d}`;
        throw new CoreArgumentError(
          argument,
          'finite values to sample from',
          `${describeValue(bad)} at ${where}`,
        );
      }
      out[i] = mu + sigma * rng.normal();
    }
    return out;
  }

  /** The mean, [B, D] (a new tensor). */
  mode(): tf.Tensor2D {
    return tf.clone(this.mean);
  }

  /** log p(a_b) per row, [B]: a float32 tensor [B, D] or B × D numbers row-major. */
  logProb(actions: GaussianActions | tf.Tensor2D): tf.Tensor1D {
    const owned = !(actions instanceof tf.Tensor);
    const a = this.actionTensor(actions);
    try {
      return tf.tidy(() => {
        const z = tf.div(tf.sub(a, this.mean), tf.exp(this.logStd));
        // log p(a) = Σ_d (−½·((a_d − μ_d)/σ_d)² − log σ_d − ½·log 2π)
        const perDim = tf.sub(tf.sub(tf.mul(-0.5, tf.square(z)), this.logStd), HALF_LOG_TWO_PI);
        return tf.sum(perDim, 1) as tf.Tensor1D;
      });
    } finally {
      if (owned) a.dispose();
    }
  }

  /** Entropy per row, [B]. */
  entropy(): tf.Tensor1D {
    return tf.tidy(() => {
      // H = Σ_d (½ + ½·log 2π + log σ_d)
      const perDim = tf.add(tf.add(this.logStd, 0.5 + HALF_LOG_TWO_PI), tf.zerosLike(this.mean));
      return tf.sum(perDim, 1) as tf.Tensor1D;
    });
  }

  /** KL(this ‖ other) per row, [B]. */
  kl(other: DiagGaussian): tf.Tensor1D {
    if (
      !(other instanceof DiagGaussian) ||
      other.batchSize !== this.batchSize ||
      other.actionDim !== this.actionDim
    ) {
      throw new CoreArgumentError(
        'other',
        `a DiagGaussian of shape [${this.batchSize}, ${this.actionDim}]`,
        other instanceof DiagGaussian
          ? `shape [${other.batchSize}, ${other.actionDim}]`
          : describeValue(other),
      );
    }
    return tf.tidy(() => {
      const varianceRatio = tf.exp(tf.mul(2, tf.sub(this.logStd, other.logStd)));
      const meanTerm = tf.square(tf.div(tf.sub(this.mean, other.mean), tf.exp(other.logStd)));
      // KL(p‖q) = Σ_d (log σ_q − log σ_p + (σ_p² + (μ_p − μ_q)²)/(2σ_q²) − ½)
      const perDim = tf.add(
        tf.sub(other.logStd, this.logStd),
        tf.sub(tf.mul(0.5, tf.add(varianceRatio, meanTerm)), 0.5),
      );
      return tf.sum(tf.add(perDim, tf.zerosLike(this.mean)), 1) as tf.Tensor1D;
    });
  }

  private actionTensor(actions: GaussianActions | tf.Tensor2D): tf.Tensor2D {
    const b = this.batchSize;
    const d = this.actionDim;
    if (actions instanceof tf.Tensor) {
      if (
        actions.dtype !== 'float32' ||
        actions.rank !== 2 ||
        actions.shape[0] !== b ||
        actions.shape[1] !== d
      ) {
        throw new CoreArgumentError(
          'actions',
          `a float32 tensor of shape [${b}, ${d}]`,
          `a ${actions.dtype} tensor of shape [${actions.shape.join(', ')}]`,
        );
      }
      return actions;
    }
    if (!(Array.isArray(actions) || actions instanceof Float32Array || actions instanceof Float64Array)) {
      throw new CoreArgumentError(
        'actions',
        `a Float32Array or number[] of length ${b * d}`,
        describeValue(actions),
      );
    }
    if (actions.length !== b * d) {
      throw new CoreArgumentError('actions', `length B × D = ${b * d}`, `length ${actions.length}`);
    }
    for (let i = 0; i < actions.length; i++) {
      if (!Number.isFinite(actions[i])) {
        throw new CoreArgumentError(
          'actions',
          'finite numbers',
          `${describeValue(actions[i])} at index ${i}`,
        );
      }
    }
    return tf.tensor2d(Array.from(actions), [b, d], 'float32');
  }
}
