import * as tf from '@tensorflow/tfjs';

/**
 * Test support: calls `fn` `burnIn` times, then `repeats` more times, disposing whatever tensors it
 * returns, and reports how many tensors the repeats left alive (0 = no leak).
 */
export function leakedTensors(fn: () => tf.TensorContainer, repeats = 20, burnIn = 3): number {
  for (let i = 0; i < burnIn; i++) tf.dispose(fn());
  const before = tf.memory().numTensors;
  for (let i = 0; i < repeats; i++) tf.dispose(fn());
  return tf.memory().numTensors - before;
}
