import type { VectorEnv } from '@critic/envs';
import * as tf from '@tensorflow/tfjs';
import { ActorCritic, type PolicyStep } from '../policies/actor-critic';
import { exportPolicy, type PolicyArtifacts } from '../policies/export';
import type { Activation } from '../policies/mlp';
import { ObsNormalizer } from '../policies/obs-normalizer';
import { type PolicySnapshot, putSnapshot, takeSnapshot } from '../policies/snapshot';
import { computeGae } from '../returns/gae';
import { nextValuesFromRollout } from '../returns/td';
import { Algorithm, type AlgorithmOptions } from './base';
import type { FieldRule } from './config';
import { FlatOptimizer, type FlatRule } from './flat-optimizer';
import { RewardScaler } from './reward-scaler';
import { allocateRollout, gather, gatherRows, type Rollout } from './rollout';
import { annealFraction } from './schedules';

/** Fields every on-policy actor-critic learner shares. */
export interface OnPolicyConfig {
  /** Hidden layer sizes of the actor and of the critic. */
  hidden: number[];
  /** Hidden-layer activation. */
  activation: Activation;
  /** Optimizer step size (initial value when annealed). */
  learningRate: number;
  /**
   * Linearly anneal the learning rate to 0 over `annealSteps` env steps (then keep it at 0). The
   * horizon is fixed rather than the training budget, so the budget does not change the run.
   */
  annealLr: boolean;
  /** Env steps (summed over sub-envs) over which `annealLr` (and PPO's `annealClip`) decay to 0. */
  annealSteps: number;
  /** Discount γ. */
  gamma: number;
  /** Rescale gradients to this global L2 norm at most. */
  maxGradNorm: number;
  /** Normalize observations by their running mean and std (exported in critic.json). */
  normalizeObs: boolean;
  /** Scale rewards by the running std of the discounted return. */
  normalizeReward: boolean;
  /** Initial log σ of the Gaussian head (continuous actions). */
  initLogStd: number;
}

export const ON_POLICY_RULES: Record<keyof OnPolicyConfig, FieldRule> = {
  hidden: 'layers',
  activation: 'activation',
  learningRate: 'positive',
  annealLr: 'boolean',
  annealSteps: 'positiveInt',
  gamma: 'unitInterval',
  maxGradNorm: 'positive',
  normalizeObs: 'boolean',
  normalizeReward: 'boolean',
  initLogStd: 'finite',
};

/** The defaults the on-policy learners share (SB3's); each learner sets its own step size and gradient clip. */
export const ON_POLICY_DEFAULTS: Omit<OnPolicyConfig, 'learningRate' | 'maxGradNorm'> = {
  hidden: [64, 64],
  activation: 'tanh',
  annealLr: false,
  annealSteps: 100_000,
  gamma: 0.99,
  normalizeObs: false,
  normalizeReward: false,
  initLogStd: 0,
};

/**
 * On-policy actor-critic learners: an {@link ActorCritic}, an optimizer, and rollout collection over
 * the vector env with NEXT_STEP autoreset and truncation bootstrapping handled.
 */
export abstract class OnPolicyAlgorithm<C extends OnPolicyConfig> extends Algorithm<C> {
  readonly policy: ActorCritic;
  protected readonly optimizer: FlatOptimizer;
  protected readonly normalizer: ObsNormalizer | undefined;
  private readonly rewardScaler: RewardScaler | undefined;

  constructor(env: VectorEnv, config: C, options: AlgorithmOptions, rule: FlatRule) {
    super(env, config, options);
    this.policy = new ActorCritic(
      this.obsSize,
      this.action,
      { hidden: config.hidden, activation: config.activation, initLogStd: config.initLogStd },
      this.rng,
    );
    this.optimizer = new FlatOptimizer(
      this.policy.variables(),
      config.learningRate,
      rule,
      config.maxGradNorm,
    );
    this.normalizer = config.normalizeObs ? new ObsNormalizer(this.obsSize) : undefined;
    this.normalizer?.update(this.obs, this.numEnvs);
    this.rewardScaler = config.normalizeReward ? new RewardScaler(this.numEnvs, config.gamma) : undefined;
  }

  /** Sets this iteration's step size, lr₀·(1 − step/annealSteps) floored at 0 when `annealLr`, else lr₀, and returns it. */
  protected scheduleLearningRate(): number {
    const c = this.config;
    const lr = c.annealLr ? annealFraction(this.globalStep, c.annealSteps) * c.learningRate : c.learningRate;
    this.optimizer.learningRate = lr;
    return lr;
  }

  /** A rollout buffer of `numSteps` vector steps for this env and policy. */
  protected allocateRollout(numSteps: number): Rollout {
    return allocateRollout(numSteps, this.numEnvs, this.obsSize, this.env.actionSize, this.policy.outputSize);
  }

  /** The observations and taken actions of transitions `idx` as tensors (int32 actions for a discrete space). */
  protected transitionTensors(
    batch: { obs: Float32Array; actions: Float32Array },
    idx: ArrayLike<number>,
  ): { obs: tf.Tensor2D; actions: tf.Tensor } {
    const d = this.obsSize;
    const A = this.env.actionSize;
    const n = idx.length;
    const discrete = this.action.kind === 'discrete';
    return {
      obs: tf.tensor2d(gatherRows(batch.obs, d, idx), [n, d]),
      actions: discrete
        ? tf.tensor1d(gather(batch.actions, idx), 'int32')
        : tf.tensor2d(gatherRows(batch.actions, A, idx), [n, A]),
    };
  }

  /** The losses an update logs, read back in one transfer; every tensor of `parts` is freed. */
  protected readLosses(parts: {
    [name: string]: tf.Scalar;
    policyLoss: tf.Scalar;
    valueLoss: tf.Scalar;
    entropy: tf.Scalar;
  }): { 'losses/policy_loss': number; 'losses/value_loss': number; 'losses/entropy': number } {
    const [policyLoss, valueLoss, entropy] = tf.tidy(() =>
      Array.from(tf.stack([parts.policyLoss, parts.valueLoss, parts.entropy]).dataSync()),
    );
    tf.dispose(Object.values(parts));
    return { 'losses/policy_loss': policyLoss!, 'losses/value_loss': valueLoss!, 'losses/entropy': entropy! };
  }

  /** The observations as the networks see them. */
  protected netObs(obs: Float32Array, n: number): Float32Array {
    return this.normalizer ? this.normalizer.normalize(obs, n) : obs;
  }

  /** GAE(λ) advantages and returns of a collected rollout: terminated stops the bootstrap, truncated does not. */
  protected advantagesOf(
    rollout: Rollout,
    lambda: number,
  ): { advantages: Float64Array; returns: Float64Array } {
    return computeGae({
      rewards: rollout.rewards,
      values: rollout.values,
      nextValues: rollout.nextValues,
      terminated: rollout.terminated,
      truncated: rollout.truncated,
      gamma: this.config.gamma,
      lambda,
      numEnvs: this.numEnvs,
    });
  }

  /**
   * Fills `rollout` with its numSteps vector steps. A sub-env that ended at the previous step is
   * being reset (NEXT_STEP), so that transition is stored with valid = 0; nextValues[t] is V of
   * the observation after step t, which is the true final observation when step t ended an episode.
   */
  protected collect(rollout: Rollout): void {
    const N = this.numEnvs;
    const d = this.obsSize;
    const A = rollout.actionSize;
    rollout.logStd = this.policy.logStd ? Float32Array.from(this.policy.logStd.dataSync()) : undefined;
    for (let t = 0; t < rollout.numSteps; t++) {
      const x = this.netObs(this.obs, N);
      const step = this.act(x, N);
      rollout.obs.set(x, t * N * d);
      rollout.actions.set(step.actions, t * N * A);
      rollout.logProbs.set(step.logProbs, t * N);
      rollout.values.set(step.values, t * N);
      rollout.outputs.set(step.outputs, t * N * rollout.outputSize);
      const res = this.stepEnv(step.actions);
      const rewards = Float32Array.from(res.rewards);
      const done = new Uint8Array(N);
      for (let i = 0; i < N; i++) {
        rollout.valid[t * N + i] = this.prevDone[i] ? 0 : 1;
        done[i] = res.terminated[i]! | res.truncated[i]!;
      }
      this.rewardScaler?.scale(rewards, done);
      rollout.rewards.set(rewards, t * N);
      rollout.terminated.set(res.terminated, t * N);
      rollout.truncated.set(res.truncated, t * N);
      this.prevDone.set(done);
      this.obs.set(res.obs);
      this.normalizer?.update(res.obs, N);
    }
    const lastValues = this.valuesOf(this.netObs(this.obs, N), N);
    rollout.nextValues.set(nextValuesFromRollout({ values: rollout.values, lastValues, numEnvs: N }));
  }

  /** Samples the rollout's actions for n observations (with log π(a|s) and V(s)) through the learner's rng. */
  protected act(obs: Float32Array, n: number): PolicyStep {
    return this.policy.step(obs, n, this.rng);
  }

  /** V(s) for n observations (the rollout's bootstrap values). */
  protected valuesOf(obs: Float32Array, n: number): Float32Array {
    return this.policy.values(obs, n);
  }

  greedyActions(obs: Float32Array, n: number): Float32Array {
    return this.policy.greedy(this.netObs(obs, n), n);
  }

  snapshotPolicy(): PolicySnapshot {
    return takeSnapshot(this.policy.variables(), this.normalizer);
  }

  restorePolicy(snapshot: PolicySnapshot): void {
    putSnapshot(snapshot, this.policy.variables(), this.normalizer);
  }

  exportPolicy(): Promise<PolicyArtifacts> {
    return exportPolicy(this.policy.actor.model, {
      env: this.envId,
      policy: this.action.kind === 'discrete' ? 'argmax' : 'gaussian-mean',
      ...(this.normalizer ? { obsNormalization: this.normalizer.toManifest() } : {}),
    });
  }

  dispose(): void {
    this.policy.dispose();
    this.optimizer.dispose();
  }
}
