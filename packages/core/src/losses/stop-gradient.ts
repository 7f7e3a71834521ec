import * as tf from '@tensorflow/tfjs';

const stop = tf.customGrad((...inputs) => {
  const x = inputs[0] as tf.Tensor;
  return { value: tf.clone(x), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) };
});

/**
 * `x` with no gradient flowing back through it (tfjs has no `stop_gradient`). Advantages, returns,
 * targets, behaviour/old log-probabilities and trajectory weights are constants of the lecture's losses.
 */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  return stop(x) as T;
}
