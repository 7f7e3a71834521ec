import type { Rng } from '@critic/envs';
import * as tf from '@tensorflow/tfjs';
import { argmaxRows } from './actor-critic';
import { type Activation, buildMlp, copyMlpWeights, type Mlp, mlpForward, mlpVariables } from './mlp';

export interface QNetworkOptions {
  /** Units of each hidden layer. */
  hidden: readonly number[];
  /** Hidden-layer activation. */
  activation: Activation;
}

/** Q(s, ·) for a discrete action space: an MLP with one output per action (a tfjs LayersModel). */
export class QNetwork {
  readonly net: Mlp;

  constructor(
    readonly obsSize: number,
    readonly numActions: number,
    options: QNetworkOptions,
    rng: Rng,
    name = 'q',
  ) {
    this.net = buildMlp(
      {
        name,
        inputSize: obsSize,
        hidden: options.hidden,
        outputSize: numActions,
        activation: options.activation,
        hiddenGain: Math.SQRT2,
        outputGain: 1,
      },
      rng,
    );
  }

  /** Q(s, ·), [n × numActions]. */
  q(obs: tf.Tensor2D): tf.Tensor2D {
    return mlpForward(this.net, obs);
  }

  variables(): tf.Variable[] {
    return mlpVariables(this.net);
  }

  /** argmax_a Q(s, a) for n observations. */
  greedy(obs: Float32Array, n: number): Float32Array {
    const q = tf.tidy(() => this.q(tf.tensor2d(obs, [n, this.obsSize])).dataSync() as Float32Array);
    return argmaxRows(q, n, this.numActions);
  }

  /** θ⁻ ← θ: copies this network's weights into `target`. */
  copyTo(target: QNetwork): void {
    copyMlpWeights(this.net, target.net);
  }

  dispose(): void {
    this.net.model.dispose();
  }
}
