import * as tf from '@tensorflow/tfjs';

/** Analytic (autodiff) and numeric (central-difference) gradients of a scalar function at one point. */
export interface GradientComparison {
  analytic: Float64Array;
  numeric: Float64Array;
}

/**
 * Test support: compares `tf.grad(f)` with central differences `(f(x + h·e_i) − f(x − h·e_i)) / (x⁺_i − x⁻_i)`,
 * where x± are the float32 points actually evaluated (so float32 rounding of the step does not bias the quotient).
 */
export function compareGradient(
  f: (x: tf.Tensor) => tf.Scalar,
  point: ArrayLike<number>,
  shape: number[],
  step = 3e-3,
): GradientComparison {
  const x0 = Float32Array.from(point);
  const analyticTensor = tf.tidy(() => tf.grad(f)(tf.tensor(x0, shape, 'float32')));
  const analytic = Float64Array.from(analyticTensor.dataSync());
  analyticTensor.dispose();
  const evaluate = (x: Float32Array): number =>
    tf.tidy(() => f(tf.tensor(x, shape, 'float32')).dataSync()[0] as number);
  const numeric = new Float64Array(x0.length);
  for (let i = 0; i < x0.length; i++) {
    const plus = Float32Array.from(x0);
    const minus = Float32Array.from(x0);
    plus[i] = (x0[i] as number) + step;
    minus[i] = (x0[i] as number) - step;
    numeric[i] = (evaluate(plus) - evaluate(minus)) / ((plus[i] as number) - (minus[i] as number));
  }
  return { analytic, numeric };
}

/** Largest |analytic − numeric| / (1 + |numeric|) over the entries. */
export function gradientError({ analytic, numeric }: GradientComparison): number {
  let worst = 0;
  for (let i = 0; i < numeric.length; i++) {
    const n = numeric[i] as number;
    worst = Math.max(worst, Math.abs((analytic[i] as number) - n) / (1 + Math.abs(n)));
  }
  return worst;
}
