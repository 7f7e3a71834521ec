import * as tf from '@tensorflow/tfjs';
import { describeValue } from '../returns/describe-value';
import { CoreArgumentError } from '../returns/errors';

function describeTensor(value: unknown): string {
  if (value instanceof tf.Tensor) return `a ${value.dtype} tensor of shape [${value.shape.join(', ')}]`;
  return describeValue(value);
}

/** Checks that `value` is a float32 tensor of the given rank (and exact shape when given). */
export function checkFloatTensor(
  argument: string,
  value: tf.Tensor,
  rank: number,
  shape?: readonly number[],
): void {
  if (!(value instanceof tf.Tensor) || value.dtype !== 'float32' || value.rank !== rank) {
    const dims = shape ? `[${shape.join(', ')}]` : `rank ${rank}`;
    throw new CoreArgumentError(argument, `a float32 tensor of shape ${dims}`, describeTensor(value));
  }
  if (value.isDisposed) throw new CoreArgumentError(argument, 'a live tensor', 'a disposed tensor');
  if (shape && !sameShape(value.shape, shape)) {
    throw new CoreArgumentError(argument, `shape [${shape.join(', ')}]`, describeTensor(value));
  }
}

/** Checks that `value` is a float32 tensor with exactly the shape of `reference` (named `referenceName`). */
export function checkSameShape(
  argument: string,
  value: tf.Tensor,
  referenceName: string,
  reference: tf.Tensor,
): void {
  if (
    !(value instanceof tf.Tensor) ||
    value.dtype !== 'float32' ||
    !sameShape(value.shape, reference.shape)
  ) {
    throw new CoreArgumentError(
      argument,
      `a float32 tensor of shape [${reference.shape.join(', ')}] (same as ${referenceName})`,
      describeTensor(value),
    );
  }
  if (value.isDisposed) throw new CoreArgumentError(argument, 'a live tensor', 'a disposed tensor');
}

/** Checks a per-sample float32 tensor of shape [B] (B ≥ 1). */
export function checkBatch(argument: string, value: tf.Tensor): void {
  checkFloatTensor(argument, value, 1);
  if (value.size === 0) throw new CoreArgumentError(argument, 'at least one sample', 'an empty tensor');
}

/** Checks a finite coefficient ≥ 0 (value, entropy and KL coefficients). */
export function checkCoefficient(argument: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new CoreArgumentError(argument, 'a finite number ≥ 0', describeValue(value));
  }
  return value;
}

/** Checks a finite number > 0 (clip ε, truncation level, KL target). */
export function checkPositive(argument: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new CoreArgumentError(argument, 'a finite number > 0', describeValue(value));
  }
  return value;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
