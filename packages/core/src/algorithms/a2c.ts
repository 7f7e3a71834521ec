import type { VectorEnv } from '@critic/envs';
import * as tf from '@tensorflow/tfjs';
import { a2cLoss } from '../losses/a2c';
import type { AlgorithmOptions } from './base';
import { resolveConfig } from './config';
import { ON_POLICY_DEFAULTS, ON_POLICY_RULES, OnPolicyAlgorithm, type OnPolicyConfig } from './on-policy';
import { gather, type Rollout, validIndices } from './rollout';
import { explainedVariance, standardizeInPlace } from './statistics';

/** A2C's configuration (defaults: Stable-Baselines3's A2C, RL Zoo's CartPole-v1 settings). */
export interface A2cConfig extends OnPolicyConfig {
  /** Vector steps per update (n-step horizon). */
  numSteps: number;
  /** GAE λ (1 = n-step returns, as A2C; 0 = the one-step advantage r + γ¬dV(s′) − V(s)). */
  gaeLambda: number;
  /** Entropy bonus coefficient c_H. */
  entCoef: number;
  /** Value loss coefficient c_V (of the plain MSE). */
  vfCoef: number;
  /** Normalize advantages over each batch. */
  normalizeAdvantages: boolean;
  /** RMSprop decay of the squared-gradient average. */
  rmsDecay: number;
  /** RMSprop ε. */
  rmsEpsilon: number;
}

export const A2C_DEFAULTS: A2cConfig = {
  ...ON_POLICY_DEFAULTS,
  learningRate: 7e-4,
  maxGradNorm: 0.5,
  numSteps: 5,
  gaeLambda: 1,
  entCoef: 0,
  vfCoef: 0.5,
  normalizeAdvantages: false,
  rmsDecay: 0.99,
  rmsEpsilon: 1e-5,
};

/** Advantage actor-critic (Mnih et al., 2016), synchronous: one gradient step per n-step rollout. */
export class A2C extends OnPolicyAlgorithm<A2cConfig> {
  private readonly rollout: Rollout;
  private iterationIndex = 0;

  constructor(env: VectorEnv, config: Partial<A2cConfig> = {}, options: AlgorithmOptions = {}) {
    const c = resolveConfig('A2C', A2C_DEFAULTS, config, {
      ...ON_POLICY_RULES,
      numSteps: 'positiveInt',
      gaeLambda: 'unitInterval',
      entCoef: 'nonNegative',
      vfCoef: 'nonNegative',
      normalizeAdvantages: 'boolean',
      rmsDecay: 'unitInterval',
      rmsEpsilon: 'positive',
    });
    super(env, c, options, { kind: 'rmsprop', decay: c.rmsDecay, epsilon: c.rmsEpsilon });
    this.rollout = this.allocateRollout(c.numSteps);
  }

  protected iteration(_totalSteps: number): void {
    const lr = this.scheduleLearningRate();
    this.iterationIndex++;
    this.collect(this.rollout);
    const metrics = this.update(this.rollout);
    // Log losses every 20 updates (A2C updates are tiny; reading them back every time would dominate).
    if (metrics)
      this.logger.log(this.globalStep, { ...metrics, 'charts/learning_rate': lr, 'charts/SPS': this.sps() });
  }

  /** One gradient step on L = −mean(logπ·A) + c_V·mean((V − R)²) − c_H·mean(H) over the valid transitions. */
  protected update(rollout: Rollout) {
    const c = this.config;
    const { advantages, returns } = this.advantagesOf(rollout, c.gaeLambda);
    const idx = validIndices(rollout);
    if (idx.length === 0) return undefined;
    const adv = gather(advantages, idx);
    if (c.normalizeAdvantages) standardizeInPlace(adv);
    const measure = this.iterationIndex % 20 === 1;
    const parts = tf.tidy(() => {
      const { obs, actions } = this.transitionTensors(rollout, idx);
      const advT = tf.tensor1d(adv);
      const targets = tf.tensor1d(gather(returns, idx));
      return this.optimizer.minimize(() => {
        const ev = this.policy.evaluate(obs, actions);
        return a2cLoss({
          logProbs: ev.logProbs,
          advantages: advT,
          values: ev.values,
          targets,
          entropy: ev.entropy,
          valueCoef: c.vfCoef,
          entropyCoef: c.entCoef,
        });
      });
    });
    if (!measure) {
      tf.dispose(Object.values(parts));
      return undefined;
    }
    return {
      ...this.readLosses(parts),
      'losses/explained_variance': explainedVariance(gather(rollout.values, idx), gather(returns, idx)),
    };
  }
}
