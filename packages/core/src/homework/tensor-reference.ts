import * as tf from '@tensorflow/tfjs';

/**
 * Runs a tensor-valued library function on the active backend and reads its result back as plain
 * numbers; every tensor made inside is disposed.
 */
export function readTensor(compute: () => tf.Tensor): number[] {
  return tf.tidy(() => Array.from(compute().dataSync()));
}

/** Like {@link readTensor} for a scalar result. */
export function readScalar(compute: () => tf.Tensor): number {
  return tf.tidy(() => compute().dataSync()[0] as number);
}

/** A float32 [B] tensor from plain numbers. */
export function vector(values: readonly number[]): tf.Tensor1D {
  return tf.tensor1d(values as number[], 'float32');
}

/** A float32 [rows, cols] tensor from a plain rectangular matrix. */
export function matrix(rows: readonly (readonly number[])[]): tf.Tensor2D {
  const cols = rows[0]?.length ?? 0;
  return tf.tensor2d(rows.flat(), [rows.length, cols], 'float32');
}
