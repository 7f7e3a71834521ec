import type { VectorEnv } from '@critic/envs';
import * as tf from '@tensorflow/tfjs';
import { valueLoss } from '../losses/value';
import { exportPolicy, type PolicyArtifacts } from '../policies/export';
import type { Activation } from '../policies/mlp';
import { QNetwork } from '../policies/q-network';
import { type PolicySnapshot, putSnapshot, takeSnapshot } from '../policies/snapshot';
import { tdTargets } from '../returns/td';
import { Algorithm, type AlgorithmOptions } from './base';
import { ConfigError, resolveConfig } from './config';
import { FlatOptimizer } from './flat-optimizer';
import { ReplayBuffer } from './replay-buffer';
import { linearSchedule } from './schedules';

/** DQN's configuration (defaults tuned for CartPole-v1 with 4 sub-envs, solving within 100k steps; step counts are env steps summed over sub-envs). */
export interface DqnConfig {
  /** Hidden layer sizes of the Q-network. */
  hidden: number[];
  /** Hidden-layer activation. */
  activation: Activation;
  /** Adam step size. */
  learningRate: number;
  /** Discount γ. */
  gamma: number;
  /** Replay buffer capacity (transitions). */
  bufferSize: number;
  /** Transitions per gradient step. */
  batchSize: number;
  /** Env steps (summed over sub-envs) of pure exploration before learning starts. */
  learningStarts: number;
  /** Env steps between training phases. */
  trainFrequency: number;
  /** Gradient steps per training phase. */
  gradientSteps: number;
  /** Env steps between target-network updates. */
  targetUpdateInterval: number;
  /** Target update rate τ: θ⁻ ← τθ + (1 − τ)θ⁻ (1 = hard copy). */
  tau: number;
  /** Initial ε of the ε-greedy policy. */
  startEpsilon: number;
  /** Final ε. */
  endEpsilon: number;
  /**
   * Env steps over which ε decays linearly (a fixed horizon: with a fraction of the budget, as SB3's
   * exploration_fraction, the budget would change the whole run).
   */
  explorationSteps: number;
  /** Rescale gradients to this global L2 norm at most. */
  maxGradNorm: number;
}

export const DQN_DEFAULTS: DqnConfig = {
  hidden: [64, 64],
  activation: 'relu',
  learningRate: 2.3e-3,
  gamma: 0.99,
  bufferSize: 100_000,
  batchSize: 64,
  learningStarts: 1000,
  trainFrequency: 4,
  gradientSteps: 1,
  targetUpdateInterval: 400,
  tau: 1,
  startEpsilon: 1,
  endEpsilon: 0.04,
  // RL Zoo's CartPole exploration_fraction 0.16, of the 1e5-step budget this default was tuned at
  explorationSteps: 16_000,
  maxGradNorm: 10,
};

/** Deep Q-learning (Mnih et al., 2015): ε-greedy acting, uniform replay, a periodically synced target network. */
export class DQN extends Algorithm<DqnConfig> {
  readonly q: QNetwork;
  private readonly target: QNetwork;
  private readonly optimizer: FlatOptimizer;
  private readonly buffer: ReplayBuffer;
  private readonly numActions: number;
  private lastTrain = 0;
  private lastTargetUpdate = 0;
  private lastLog = 0;

  constructor(env: VectorEnv, config: Partial<DqnConfig> = {}, options: AlgorithmOptions = {}) {
    const c = resolveConfig('DQN', DQN_DEFAULTS, config, {
      hidden: 'layers',
      activation: 'activation',
      learningRate: 'positive',
      gamma: 'unitInterval',
      bufferSize: 'positiveInt',
      batchSize: 'positiveInt',
      learningStarts: 'nonNegativeInt',
      trainFrequency: 'positiveInt',
      gradientSteps: 'positiveInt',
      targetUpdateInterval: 'positiveInt',
      tau: 'unitInterval',
      startEpsilon: 'unitInterval',
      endEpsilon: 'unitInterval',
      explorationSteps: 'nonNegativeInt',
      maxGradNorm: 'positive',
    });
    super(env, c, options);
    if (this.action.kind !== 'discrete') {
      throw new ConfigError('env', 'DQN: the env must have a Discrete action space, found a Box');
    }
    this.numActions = this.action.n;
    const net = { hidden: c.hidden, activation: c.activation };
    this.q = new QNetwork(this.obsSize, this.numActions, net, this.rng, 'q');
    this.target = new QNetwork(this.obsSize, this.numActions, net, this.rng, 'q_target');
    this.q.copyTo(this.target);
    this.optimizer = new FlatOptimizer(
      this.q.variables(),
      c.learningRate,
      { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
      c.maxGradNorm,
    );
    this.buffer = new ReplayBuffer(c.bufferSize, this.obsSize);
  }

  protected iteration(_totalSteps: number): void {
    const c = this.config;
    const N = this.numEnvs;
    const epsilon = linearSchedule(c.startEpsilon, c.endEpsilon, c.explorationSteps, this.globalStep);
    const actions = this.epsilonGreedy(epsilon);
    const before = this.obs;
    const res = this.stepEnv(actions);
    for (let i = 0; i < N; i++) {
      // A NEXT_STEP reset step is no transition; at an episode end res.obs is the true final observation.
      if (!this.prevDone[i]) {
        this.buffer.add(before, res.obs, i, actions[i]!, res.rewards[i]!, res.terminated[i]!);
      }
      this.prevDone[i] = res.terminated[i]! | res.truncated[i]!;
    }
    this.obs = Float32Array.from(res.obs);
    if (this.globalStep < c.learningStarts) return;
    if (this.globalStep - this.lastTrain >= c.trainFrequency) {
      this.lastTrain = this.globalStep;
      let tdLoss: tf.Scalar | undefined;
      for (let g = 0; g < c.gradientSteps; g++) {
        tdLoss?.dispose();
        tdLoss = this.trainStep();
      }
      if (this.globalStep - this.lastLog >= 1000) {
        this.lastLog = this.globalStep;
        this.logger.log(this.globalStep, {
          'losses/td_loss': tdLoss!.dataSync()[0]!,
          'charts/epsilon': epsilon,
          'charts/SPS': this.sps(),
        });
      }
      tdLoss?.dispose();
    }
    if (this.globalStep - this.lastTargetUpdate >= c.targetUpdateInterval) {
      this.lastTargetUpdate = this.globalStep;
      this.updateTarget();
    }
  }

  /** With probability ε a uniform action, else argmax_a Q(s, a), per sub-env. */
  private epsilonGreedy(epsilon: number): Float32Array {
    const N = this.numEnvs;
    const actions = new Float32Array(N);
    const explore = new Uint8Array(N);
    let anyGreedy = false;
    for (let i = 0; i < N; i++) {
      explore[i] = this.rng.random() < epsilon ? 1 : 0;
      if (explore[i]) actions[i] = this.rng.integer(this.numActions);
      else anyGreedy = true;
    }
    if (anyGreedy) {
      const greedy = this.q.greedy(this.obs, N);
      for (let i = 0; i < N; i++) if (!explore[i]) actions[i] = greedy[i]!;
    }
    return actions;
  }

  /** One step on L = mean((Q(s, a) − y)²), y = r + γ·¬term·max_a′ Q⁻(s′, a′); returns the loss (caller disposes). */
  private trainStep(): tf.Scalar {
    const c = this.config;
    const batch = this.buffer.sample(c.batchSize, this.rng);
    const B = c.batchSize;
    const d = this.obsSize;
    const nextMax = tf.tidy(
      () => tf.max(this.target.q(tf.tensor2d(batch.nextObs, [B, d])), 1).dataSync() as Float32Array,
    );
    const y = tdTargets({
      rewards: batch.rewards,
      nextValues: nextMax,
      terminated: batch.terminated,
      gamma: c.gamma,
    });
    const parts = tf.tidy(() => {
      const obs = tf.tensor2d(batch.obs, [B, d]);
      const onehot = tf.oneHot(tf.tensor1d(batch.actions, 'int32'), this.numActions);
      const targets = tf.tensor1d(Float32Array.from(y));
      return this.optimizer.minimize(() => {
        const qa = tf.sum(tf.mul(this.q.q(obs), onehot), 1) as tf.Tensor1D;
        return { loss: valueLoss({ values: qa, targets }) };
      });
    });
    return parts.loss;
  }

  /** θ⁻ ← τθ + (1 − τ)θ⁻. */
  private updateTarget(): void {
    const tau = this.config.tau;
    if (tau === 1) {
      this.q.copyTo(this.target);
      return;
    }
    const src = this.q.variables();
    const dst = this.target.variables();
    tf.tidy(() => {
      dst.forEach((v, k) => {
        v.assign(tf.add(tf.mul(src[k]!, tau), tf.mul(v, 1 - tau)));
      });
    });
  }

  greedyActions(obs: Float32Array, n: number): Float32Array {
    return this.q.greedy(obs, n);
  }

  snapshotPolicy(): PolicySnapshot {
    return takeSnapshot(this.q.variables(), undefined);
  }

  restorePolicy(snapshot: PolicySnapshot): void {
    putSnapshot(snapshot, this.q.variables(), undefined);
  }

  exportPolicy(): Promise<PolicyArtifacts> {
    return exportPolicy(this.q.net.model, { env: this.envId, policy: 'argmax' });
  }

  dispose(): void {
    this.q.dispose();
    this.target.dispose();
    this.optimizer.dispose();
  }
}
