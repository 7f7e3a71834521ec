import type { Rng } from '@critic/envs';
import * as tf from '@tensorflow/tfjs';
import { Categorical } from '../distributions/categorical';
import { DiagGaussian } from '../distributions/diag-gaussian';
import type { ActionSpec } from './action-space';
import { type Activation, buildMlp, type Mlp, mlpForward, mlpVariables } from './mlp';

export interface ActorCriticOptions {
  /** Units of each hidden layer, for the actor and the critic alike. */
  hidden: readonly number[];
  /** Hidden-layer activation. */
  activation: Activation;
  /** Initial log standard deviation of the Gaussian head (continuous actions only). */
  initLogStd: number;
}

/** One rollout step's outputs for n observations. */
export interface PolicyStep {
  /** n × actionSize actions as sampled (unclipped for Gaussian heads). */
  actions: Float32Array;
  /** log π(a|s) of each sampled action. */
  logProbs: Float32Array;
  /** V(s) of each observation. */
  values: Float32Array;
  /** The actor's outputs (logits or Gaussian means), n × outputSize: π_old's parameters for a KL term. */
  outputs: Float32Array;
}

/**
 * Separate actor and critic MLPs (CleanRL's `Agent`): the actor outputs Categorical logits or the
 * Gaussian mean (with a state-independent log-std), the critic V(s). Both are tfjs LayersModels.
 */
export class ActorCritic {
  readonly actor: Mlp;
  readonly critic: Mlp;
  /** Actor outputs per observation: logits (discrete) or means (continuous). */
  readonly outputSize: number;
  /** Gaussian log σ per action dimension (continuous actions only). */
  readonly logStd: tf.Variable<tf.Rank.R1> | undefined;

  constructor(
    readonly obsSize: number,
    readonly action: ActionSpec,
    options: ActorCriticOptions,
    rng: Rng,
  ) {
    const outputSize = action.kind === 'discrete' ? action.n : action.size;
    this.outputSize = outputSize;
    const common = {
      inputSize: obsSize,
      hidden: options.hidden,
      activation: options.activation,
      hiddenGain: Math.SQRT2,
    };
    this.actor = buildMlp({ ...common, name: 'actor', outputSize, outputGain: 0.01 }, rng);
    this.critic = buildMlp({ ...common, name: 'critic', outputSize: 1, outputGain: 1 }, rng);
    this.logStd =
      action.kind === 'continuous'
        ? tf.tidy(() => tf.variable(tf.fill([action.size], options.initLogStd) as tf.Tensor1D, true))
        : undefined;
  }

  /** Actor output: Categorical logits or Gaussian means, [n × outputs]. */
  actorOutput(obs: tf.Tensor2D): tf.Tensor2D {
    return mlpForward(this.actor, obs);
  }

  /** V(s), [n]. */
  value(obs: tf.Tensor2D): tf.Tensor1D {
    return tf.reshape(mlpForward(this.critic, obs), [-1]);
  }

  /** Every trainable variable: actor, critic and log-std. */
  variables(): tf.Variable[] {
    return [...mlpVariables(this.actor), ...mlpVariables(this.critic), ...(this.logStd ? [this.logStd] : [])];
  }

  /** π(·|s) for a batch: Categorical over the logits, or DiagGaussian(mean, exp(logStd)). */
  distribution(obs: tf.Tensor2D): Categorical | DiagGaussian {
    const out = this.actorOutput(obs);
    return this.logStd ? new DiagGaussian(out, this.logStd) : new Categorical(out);
  }

  /** The distribution that collected a batch, from its stored actor outputs (and log σ at collection time). */
  behaviourDistribution(outputs: tf.Tensor2D, logStd: tf.Tensor1D | undefined): Categorical | DiagGaussian {
    return logStd ? new DiagGaussian(outputs, logStd) : new Categorical(outputs);
  }

  /** KL(old ‖ current) per row, for two distributions of this policy's kind. */
  static kl(old: Categorical | DiagGaussian, current: Categorical | DiagGaussian): tf.Tensor1D {
    if (old instanceof Categorical && current instanceof Categorical) return old.kl(current);
    if (old instanceof DiagGaussian && current instanceof DiagGaussian) return old.kl(current);
    throw new TypeError('ActorCritic.kl: both distributions must be Categorical or both DiagGaussian');
  }

  /** log π(a|s), H(π(·|s)) and V(s) for a batch of observations and taken actions (differentiable). */
  evaluate(
    obs: tf.Tensor2D,
    actions: tf.Tensor,
  ): { dist: Categorical | DiagGaussian; logProbs: tf.Tensor1D; entropy: tf.Tensor1D; values: tf.Tensor1D } {
    const dist = this.distribution(obs);
    const logProbs =
      dist instanceof Categorical
        ? dist.logProb(tf.cast(tf.reshape(actions, [-1]), 'int32') as tf.Tensor1D)
        : dist.logProb(actions as tf.Tensor2D);
    return { dist, logProbs, entropy: dist.entropy(), values: this.value(obs) };
  }

  /** Samples actions for n observations through `rng` and returns them with log π(a|s) and V(s). */
  step(obs: Float32Array, n: number, rng: Rng): PolicyStep {
    return tf.tidy(() => {
      const x = tf.tensor2d(obs, [n, this.obsSize]);
      const dist = this.distribution(x);
      let actions: Float32Array;
      let logProbs: tf.Tensor1D;
      if (dist instanceof Categorical) {
        const a = dist.sample(rng);
        actions = Float32Array.from(a);
        logProbs = dist.logProb(a);
      } else {
        actions = dist.sample(rng);
        logProbs = dist.logProb(actions);
      }
      return {
        actions,
        logProbs: logProbs.dataSync() as Float32Array,
        values: this.value(x).dataSync() as Float32Array,
        outputs: (dist instanceof Categorical ? dist.logits : dist.mean).dataSync() as Float32Array,
      };
    });
  }

  /** V(s) for n observations (bootstrap values). */
  values(obs: Float32Array, n: number): Float32Array {
    return tf.tidy(() => this.value(tf.tensor2d(obs, [n, this.obsSize])).dataSync() as Float32Array);
  }

  /** Greedy actions: argmax of the logits, or the Gaussian mean. */
  greedy(obs: Float32Array, n: number): Float32Array {
    const out = tf.tidy(
      () => this.actorOutput(tf.tensor2d(obs, [n, this.obsSize])).dataSync() as Float32Array,
    );
    if (this.action.kind === 'continuous') return out;
    return argmaxRows(out, n, this.action.n);
  }

  dispose(): void {
    this.actor.model.dispose();
    this.critic.model.dispose();
    this.logStd?.dispose();
  }
}

/** Row-wise argmax (first maximum on ties), as float action values. */
export function argmaxRows(values: Float32Array, n: number, k: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (values[i * k + j]! > values[i * k + best]!) best = j;
    out[i] = best;
  }
  return out;
}
