import type { Rng } from '@critic/envs';
import * as tf from '@tensorflow/tfjs';
import { orthogonalInit } from './init';

export type Activation = 'tanh' | 'relu';

export interface MlpSpec {
  /** Name prefix of the model's layers (e.g. `actor`). */
  name: string;
  /** Input features. */
  inputSize: number;
  /** Units of each hidden layer. */
  hidden: readonly number[];
  /** Output units. */
  outputSize: number;
  /** Hidden-layer activation. */
  activation: Activation;
  /** Orthogonal-init gain of the hidden layers. */
  hiddenGain: number;
  /** Orthogonal-init gain of the output layer. */
  outputGain: number;
}

/** A dense LayersModel (what gets exported) plus its variables for fast raw-op forward passes in training. */
export interface Mlp {
  readonly model: tf.LayersModel;
  /** [kernel, bias] of each dense layer, in order; these are the model's own variables. */
  readonly params: ReadonlyArray<readonly [tf.Variable, tf.Variable]>;
  readonly activation: Activation;
}

/** Builds the MLP with seeded orthogonal kernels and zero biases (identical for a seed on every backend). */
export function buildMlp(spec: MlpSpec, rng: Rng): Mlp {
  const sizes = [spec.inputSize, ...spec.hidden, spec.outputSize];
  const model = tf.sequential({ name: spec.name });
  for (let l = 0; l + 1 < sizes.length; l++) {
    const last = l + 2 === sizes.length;
    model.add(
      tf.layers.dense({
        ...(l === 0 ? { inputShape: [spec.inputSize] } : {}),
        units: sizes[l + 1]!,
        activation: last ? 'linear' : spec.activation,
        kernelInitializer: 'zeros',
        name: `${spec.name}_dense${l}`,
      }),
    );
  }
  const weights: tf.Tensor[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const rows = sizes[l]!;
    const cols = sizes[l + 1]!;
    const gain = l + 2 === sizes.length ? spec.outputGain : spec.hiddenGain;
    weights.push(tf.tensor2d(orthogonalInit(rows, cols, gain, rng), [rows, cols]), tf.zeros([cols]));
  }
  model.setWeights(weights);
  tf.dispose(weights);
  return { model, params: mlpParams(model), activation: spec.activation };
}

/** Wraps a loaded dense LayersModel (e.g. from `loadPolicy`) for raw-op forward passes. */
export function mlpParams(model: tf.LayersModel): [tf.Variable, tf.Variable][] {
  const out: [tf.Variable, tf.Variable][] = [];
  for (const layer of model.layers) {
    const w = layer.trainableWeights;
    if (w.length === 0) continue;
    if (w.length !== 2)
      throw new Error(`mlp: layer ${layer.name} has ${w.length} weights, expected kernel and bias`);
    out.push([w[0]!.read() as tf.Variable, w[1]!.read() as tf.Variable]);
  }
  return out;
}

/**
 * y = x·W + b with an explicit-transpose backward pass: dx = dy·Wᵀ, dW = xᵀ·dy, db = Σ_rows dy.
 * (tfjs-wasm's transposed matMul is several times slower than a transpose followed by a plain matMul.)
 */
const dense = tf.customGrad((...args) => {
  const [x, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.add(tf.matMul(x, w), b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sx, sw] = saved as [tf.Tensor2D, tf.Tensor2D];
      const g = dy as tf.Tensor2D;
      return [tf.matMul(g, tf.transpose(sw)), tf.matMul(tf.transpose(sx), g), tf.sum(g, 0)];
    },
  };
});

/** tanh(x) = 2·sigmoid(2x) − 1, with d tanh = 1 − tanh² (tfjs-wasm's tanh kernel is several times slower than sigmoid). */
const fastTanh = tf.customGrad((...args) => {
  const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
  const y = tf.sub(tf.mul(tf.sigmoid(tf.mul(x, 2)), 2), 1);
  save([y]);
  return {
    value: y,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, tf.sub(1, tf.square(saved[0]!))),
  };
});

/** y = W_L·σ(…σ(W_1·x + b_1)…) + b_L with raw ops (faster than `model.apply`; same variables, same function). */
export function mlpForward(mlp: Mlp, x: tf.Tensor2D): tf.Tensor2D {
  let h = x;
  const n = mlp.params.length;
  for (let l = 0; l < n; l++) {
    const [w, b] = mlp.params[l]!;
    h = dense(h, w, b) as tf.Tensor2D;
    if (l + 1 < n) h = (mlp.activation === 'tanh' ? fastTanh(h) : tf.relu(h)) as tf.Tensor2D;
  }
  return h;
}

/** Every trainable variable of the MLP, kernels and biases. */
export function mlpVariables(mlp: Mlp): tf.Variable[] {
  return mlp.params.flat();
}

/** Copies `from`'s weights into `to` (same architecture), e.g. DQN's target network update. */
export function copyMlpWeights(from: Mlp, to: Mlp): void {
  for (let l = 0; l < from.params.length; l++) {
    const [w, b] = from.params[l]!;
    const [tw, tb] = to.params[l]!;
    tw.assign(w);
    tb.assign(b);
  }
}
